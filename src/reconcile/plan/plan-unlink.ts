/**
 * The plan of `tasksync unlink`: for every issue of tasksync's (found by label and marker), one
 * `update-issue` that takes tasksync's label off and, when the issue is open, closes it as not
 * planned. Pure: the issues come observed, the writer ({@link applyPlan}) carries the plan out,
 * so the dry run, the pacing and the log lines are the sync's own.
 */
import type { Operation } from "../operations.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Plan } from "./plan-list.js";

export type UnlinkOperation = Extract<Operation, { kind: "update-issue" }> & { number: number };

/** One operation per issue, in the order given: its labels without `label` (any case), closed if open. */
export function planUnlink(issues: readonly TrackedIssue[], label: string): UnlinkOperation[] {
  const lower = label.toLowerCase();
  return issues.map((issue) => ({
    kind: "update-issue",
    key: issue.key,
    number: issue.number,
    labels: issue.labels.filter((l) => l.toLowerCase() !== lower),
    ...(issue.state === "open" ? { state: "closed" as const, stateReason: "not_planned" as const } : {}),
    reason: `tasksync unlink: ${issue.state === "open" ? "close as not planned and " : ""}remove label "${label}"`,
  }));
}

/** The operations as a plan for {@link applyPlan}: every issue is named by number, so no refs are needed. */
export function unlinkPlan(operations: UnlinkOperation[]): Plan {
  return { path: "", operations, refs: new Map(), unchanged: 0, blockedByErrors: false };
}
