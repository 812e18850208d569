/**
 * Sub-issue and blocked-by operations. The marker records which blockers tasksync linked; when
 * that record, the desired links and GitHub's own count agree, no read or write is needed. Pure.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { DesiredIssue } from "../model/desired.js";
import type { Operation } from "../operations.js";
import type { LinkedIssue } from "../observe/observed.js";
import { phaseKey, taskKey } from "../../identity/marker.js";

/** The blocker keys an existing issue's marker says tasksync linked. */
export function recordedLinks(issue: TrackedIssue): string[] {
  const m = issue.marker;
  if (m.kind === "task") return (m.links ?? []).map((id) => taskKey(m.path, id));
  if (m.kind === "phase") return (m.links ?? []).map((p) => phaseKey(m.path, p));
  return [];
}

const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/** Whether the issue's actual blocked-by list must be read before planning its links. */
export function needsLinkRead(d: DesiredIssue, issue: TrackedIssue): boolean {
  const recorded = recordedLinks(issue);
  return !sameSet(recorded, d.blockedByKeys) || issue.blockedByTotal !== recorded.length;
}

export interface LinkContext {
  /** Existing issues by number (all tracked issues of the repository). */
  byNumber: Map<number, TrackedIssue>;
  /** The desired key each existing issue now carries (after matching), by issue number. */
  keyOfNumber: Map<number, string>;
  /** Existing issues by key (after matching: desired key → issue). */
  matched: Map<string, TrackedIssue>;
  /** Actual blocked-by lists that observe read, by desired key. */
  blockedBy: Map<string, LinkedIssue[]>;
  /** The task list path: only links between its own issues are tasksync's to remove. */
  path: string;
  /** Keys of the tasks an error holds back: links to or from them are neither made nor removed. */
  held?: ReadonlySet<string>;
}

export function planParent(d: DesiredIssue, issue: TrackedIssue | undefined, ctx: LinkContext): Operation[] {
  if (d.parentKey === null || ctx.held?.has(d.parentKey)) return [];
  const parent = ctx.matched.get(d.parentKey);
  if (issue && parent && issue.parentNumber === parent.number) return [];
  const replaceParent = issue !== undefined && issue.parentNumber !== null;
  const reason =
    issue === undefined || issue.parentNumber === null
      ? "it has no parent yet"
      : `its parent is #${issue.parentNumber}`;
  return [{ kind: "add-sub-issue", key: d.key, parentKey: d.parentKey, replaceParent, reason }];
}

export function planBlockedBy(d: DesiredIssue, issue: TrackedIssue | undefined, ctx: LinkContext): Operation[] {
  const ops: Operation[] = [];
  const isHeld = (key: string): boolean => ctx.held?.has(key) === true;
  const add = (keys: string[]): void => {
    for (const blockerKey of keys)
      if (!isHeld(blockerKey))
        ops.push({ kind: "add-blocked-by", key: d.key, blockerKey, reason: "the task list says so" });
  };
  if (!issue) {
    add(d.blockedByKeys);
    return ops;
  }
  const actual = ctx.blockedBy.get(d.key);
  let current: Array<{ key: string; id: number }>;
  if (actual) {
    current = actual.flatMap((l) => {
      const blocker = ctx.byNumber.get(l.number);
      if (!blocker || blocker.marker.path !== ctx.path) return [];
      return [{ key: ctx.keyOfNumber.get(l.number) ?? blocker.key, id: l.id }];
    });
  } else {
    current = recordedLinks(issue).flatMap((key) => {
      const blocker = ctx.matched.get(key);
      return blocker ? [{ key, id: blocker.id }] : [];
    });
  }
  const currentKeys = current.map((c) => c.key);
  add(d.blockedByKeys.filter((k) => !currentKeys.includes(k)));
  for (const c of current) {
    if (!d.blockedByKeys.includes(c.key) && !isHeld(c.key)) {
      ops.push({
        kind: "remove-blocked-by",
        key: d.key,
        blockerKey: c.key,
        blockerId: c.id,
        reason: "the task list no longer says so",
      });
    }
  }
  return ops;
}
