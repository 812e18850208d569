/**
 * The gates over one pull request (pure): dependencies, well-formed task lists and, when the
 * config asks for it, evidence. Each result says whether it passed and what it found.
 */
import type { TasksyncConfig } from "../config/schema.js";
import { DoneTasks } from "./rules/done-tasks.js";
import { dependencyGate } from "./rules/gate-dependencies.js";
import { evidenceGate } from "./rules/gate-evidence.js";
import type { FeatureDocs, GateResult, WorkedTask } from "./gate-model.js";
import { wellFormedGate } from "./rules/gate-well-formed.js";

export interface GateInput {
  features: readonly FeatureDocs[];
  worked: readonly WorkedTask[];
  /** Task keys (`path#id`) whose issues are closed as completed. */
  doneIssues: ReadonlySet<string>;
  config: Pick<TasksyncConfig["gates"], "evidence">;
  /** The PR body, for the evidence gate. */
  body: string;
}

export function evaluateGates(input: GateInput): GateResult[] {
  const done = new DoneTasks(input.features, input.doneIssues);
  const results: GateResult[] = [
    dependencyGate(input.features, input.worked, done),
    wellFormedGate(input.features, input.worked),
  ];
  if (input.config.evidence) results.push(evidenceGate(input.features, input.worked, input.body));
  return results;
}

/** A PR touches tasks when it works on one or changes a task list. */
export function touchesTasks(features: readonly FeatureDocs[], worked: readonly WorkedTask[]): boolean {
  return worked.length > 0 || features.some((f) => f.changed);
}
