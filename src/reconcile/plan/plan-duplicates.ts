/**
 * Duplicates heal, pure: two issues tasksync opened for one key (a create GitHub applied but
 * answered with an error, two processes racing, ...). The linked one (a sub-issue already) or else
 * the oldest stays; each other is closed with a comment naming the kept one, and loses the
 * tasksync label so no later reconcile sees it again — a duplicate never fails a sync.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Operation } from "../operations.js";

export interface Duplicate {
  issue: TrackedIssue;
  kept: TrackedIssue;
}

/** Two issues are copies of one when they carry the same key (and, for tasks, the same text), neither a removed task's. */
const identity = (issue: TrackedIssue): string | null => {
  const m = issue.marker;
  if (m.kind === "task") return m.removed ? null : `${issue.key}\u0000${m.text}`;
  return issue.key;
};

const preference = (a: TrackedIssue, b: TrackedIssue): number =>
  Number(b.parentNumber !== null) - Number(a.parentNumber !== null) || a.number - b.number;

export function splitDuplicates(issues: readonly TrackedIssue[]): { kept: TrackedIssue[]; duplicates: Duplicate[] } {
  const groups = new Map<string, TrackedIssue[]>();
  const kept: TrackedIssue[] = [];
  for (const issue of issues) {
    const id = identity(issue);
    if (id === null) kept.push(issue);
    else groups.set(id, [...(groups.get(id) ?? []), issue]);
  }
  const duplicates: Duplicate[] = [];
  for (const group of groups.values()) {
    const [first, ...rest] = [...group].sort(preference);
    if (!first) continue;
    kept.push(first);
    for (const issue of rest) duplicates.push({ issue, kept: first });
  }
  kept.sort((a, b) => a.number - b.number);
  return { kept, duplicates };
}

/** The key an operation on a duplicate names (its own, so its number is not mistaken for the kept one's). */
export const duplicateKey = (issue: TrackedIssue): string => `${issue.key}~duplicate#${issue.number}`;

export function planDuplicates(duplicates: readonly Duplicate[], trackingLabel: string): Operation[] {
  const label = trackingLabel.toLowerCase();
  return duplicates.flatMap(({ issue, kept }) => [
    {
      kind: "update-issue" as const,
      key: duplicateKey(issue),
      number: issue.number,
      labels: issue.labels.filter((l) => l.toLowerCase() !== label),
      ...(issue.state === "open" ? { state: "closed" as const, stateReason: "not_planned" as const } : {}),
      reason: `duplicate of #${kept.number}`,
    },
    {
      kind: "comment" as const,
      key: duplicateKey(issue),
      body: `Duplicate of #${kept.number}: tasksync found two issues for the same ${kept.marker.kind} and keeps #${kept.number}. This one is closed and no longer tracked.`,
      reason: "say which issue is kept",
    },
  ]);
}
