/**
 * Gate 3, evidence (pure, optional): a task the PR completes (ticks, or closes its issue) whose
 * text names verification commands needs each command quoted as code in the PR body.
 */
import { commandsOf, missingCommands } from "./evidence-commands.js";
import {
  workedTaskOf,
  type FeatureDocs,
  type GateResult,
  type MissingEvidence,
  type WorkedTask,
} from "../gate-model.js";

export function evidenceGate(
  features: readonly FeatureDocs[],
  worked: readonly WorkedTask[],
  body: string,
): Extract<GateResult, { gate: "evidence" }> {
  const missing: MissingEvidence[] = [];
  for (const work of worked) {
    if (!work.reasons.includes("ticks") && !work.reasons.includes("closes")) continue;
    const task = workedTaskOf(features, work)?.task;
    if (!task) continue;
    const commands = missingCommands(commandsOf(task), body);
    if (commands.length > 0) missing.push({ path: work.path, taskId: task.id, line: task.line, commands });
  }
  return { gate: "evidence", passed: missing.length === 0, missing };
}
