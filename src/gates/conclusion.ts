/** The check run's conclusion and title from the gate results and the configured mode. */
import type { TasksyncConfig } from "../config/schema.js";
import type { GateResult } from "./gate-model.js";

export type GateConclusion = "success" | "failure" | "neutral";

export interface Verdict {
  conclusion: GateConclusion;
  title: string;
}

export const NO_TASKS_SUMMARY = "This pull request touches no tasks.";

export function verdictOf(
  results: readonly GateResult[],
  mode: TasksyncConfig["gates"]["mode"],
  touched: boolean,
): Verdict {
  if (!touched) return { conclusion: "success", title: "No tasks touched" };
  const failed = results.filter((r) => !r.passed).length;
  if (failed === 0) return { conclusion: "success", title: "All gates passed" };
  const title = `${failed} ${failed === 1 ? "gate" : "gates"} failed`;
  return mode === "strict" ? { conclusion: "failure", title } : { conclusion: "neutral", title: `${title} (advisory)` };
}
