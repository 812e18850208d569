/**
 * Gate 2, well-formed (pure): every task list the PR changes parses without errors (duplicate
 * ids, unknown ids, cycles). A list that could not be parsed at all is an error on line 1.
 */
import type { FeatureDocs, GateResult, ListProblem } from "./gate-model.js";

export function wellFormedGate(features: readonly FeatureDocs[]): Extract<GateResult, { gate: "well-formed" }> {
  const problems: ListProblem[] = [];
  for (const feature of features) {
    if (!feature.changed) continue;
    if (feature.headError !== undefined) {
      problems.push({ path: feature.path, line: 1, code: "unparsable", message: `the task list could not be parsed: ${feature.headError}` });
      continue;
    }
    for (const d of feature.head?.diagnostics ?? []) {
      if (d.severity === "error") problems.push({ path: feature.path, line: d.line, code: d.code, message: d.message });
    }
  }
  return { gate: "well-formed", passed: problems.length === 0, problems };
}
