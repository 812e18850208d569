/**
 * The plan of `tasksync unlink`: for every issue of tasksync's (found by label and marker), one
 * `update-issue` that takes tasksync's label off and, when the issue is open, closes it as not
 * planned; an issue a person opened and tasksync adopted is released instead: left as it is,
 * with the label off and the body cut back to the person's text ({@link personText}). Pure: the issues come observed, the writer ({@link applyPlan}) carries the plan out,
 * so the dry run, the pacing and the log lines are the sync's own.
 */
import type { Operation } from "../operations.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Plan } from "./plan-list.js";
import { personText } from "../render/adopted-body.js";

export type UnlinkOperation = Extract<Operation, { kind: "update-issue" }> & { number: number };

/** One operation per issue, in the order given: its labels without `label` (any case), closed if open. */
export function planUnlink(issues: readonly TrackedIssue[], label: string): UnlinkOperation[] {
  const lower = label.toLowerCase();
  return issues.map((issue) =>
    isAdopted(issue) ? releaseAdopted(issue, lower, label) : closeOwn(issue, lower, label),
  );
}

/** Whether the issue is one a person opened and tasksync adopted. */
export function isAdopted(issue: Pick<TrackedIssue, "marker">): boolean {
  return issue.marker.kind === "task" && issue.marker.adopted === true;
}

function releaseAdopted(issue: TrackedIssue, lower: string, label: string): UnlinkOperation {
  return {
    kind: "update-issue",
    key: issue.key,
    number: issue.number,
    body: personText(issue.body),
    labels: issue.labels.filter((l) => l.toLowerCase() !== lower),
    reason: `tasksync unlink: release (keeps it ${issue.state}; removes label "${label}" and tasksync's section)`,
  };
}

function closeOwn(issue: TrackedIssue, lower: string, label: string): UnlinkOperation {
  return {
    kind: "update-issue",
    key: issue.key,
    number: issue.number,
    labels: issue.labels.filter((l) => l.toLowerCase() !== lower),
    ...(issue.state === "open" ? { state: "closed" as const, stateReason: "not_planned" as const } : {}),
    reason: `tasksync unlink: ${issue.state === "open" ? "close as not planned and " : ""}remove label "${label}"`,
  };
}

/** The operations as a plan for {@link applyPlan}: every issue is named by number, so no refs are needed. */
export function unlinkPlan(operations: UnlinkOperation[]): Plan {
  return { path: "", operations, refs: new Map(), unchanged: 0, blockedByErrors: false };
}
