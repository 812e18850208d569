/**
 * Pairs desired issues with the issues that exist. Phase and tracking issues pair by key. Task
 * issues pair by key when the text is the same; then by text (an issue follows its task when a
 * regenerated list shifts the ids); then by key (the task's text was edited).
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { DesiredIssue } from "../model/desired.js";

export interface IssueMatch {
  /** Desired key → the existing issue that carries it. */
  matched: Map<string, TrackedIssue>;
  /** Existing issues that no desired issue claimed (removed tasks and phases). */
  unclaimed: TrackedIssue[];
}

/** Of several issues with one key (should not happen), the oldest wins. */
function byKey(existing: TrackedIssue[]): Map<string, TrackedIssue> {
  const map = new Map<string, TrackedIssue>();
  for (const issue of [...existing].sort((a, b) => a.number - b.number)) {
    if (!map.has(issue.key)) map.set(issue.key, issue);
  }
  return map;
}

export function matchIssues(desired: DesiredIssue[], existing: TrackedIssue[]): IssueMatch {
  const matched = new Map<string, TrackedIssue>();
  const used = new Set<number>();
  const keyed = byKey(existing);
  const claim = (d: DesiredIssue, issue: TrackedIssue): void => {
    matched.set(d.key, issue);
    used.add(issue.number);
  };

  // 1. same key, and for tasks the same text
  for (const d of desired) {
    const issue = keyed.get(d.key);
    if (!issue) continue;
    if (d.kind !== "task") claim(d, issue);
    else if (issue.marker.kind === "task" && issue.marker.text === d.textHash) claim(d, issue);
  }

  // 2. tasks by text, where the text is unique on both sides
  const countBy = <T>(items: T[], key: (t: T) => string | undefined): Map<string, number> => {
    const m = new Map<string, number>();
    for (const item of items) {
      const k = key(item);
      if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const openDesired = desired.filter((d) => d.kind === "task" && !matched.has(d.key));
  const freeTasks = existing.filter((i) => i.marker.kind === "task" && !used.has(i.number));
  const textOf = (i: TrackedIssue): string | undefined => (i.marker.kind === "task" ? i.marker.text : undefined);
  const desiredTexts = countBy(openDesired, (d) => d.textHash);
  const existingTexts = countBy(freeTasks, textOf);
  for (const d of openDesired) {
    const text = d.textHash;
    if (text === undefined || desiredTexts.get(text) !== 1 || existingTexts.get(text) !== 1) continue;
    const issue = freeTasks.find((i) => textOf(i) === text && !used.has(i.number));
    if (issue) claim(d, issue);
  }

  // 3. tasks by key: same id, edited text
  for (const d of desired) {
    if (matched.has(d.key)) continue;
    const issue = keyed.get(d.key);
    if (issue && !used.has(issue.number)) claim(d, issue);
  }

  return { matched, unclaimed: existing.filter((i) => !used.has(i.number)) };
}
