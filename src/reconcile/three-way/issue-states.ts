/**
 * The issue side of the two-way reconcile, pure: what a task's issue says about its checkbox, and a
 * compact digest of the states a reconcile left a list's task issues in (recorded on the tracking
 * issue), so the next reconcile sees at once whether a person closed or reopened one since.
 */
import { createHash } from "node:crypto";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Operation } from "../operations.js";
import { markerKey, parseMarker } from "../../identity/marker.js";
import { checklistDigestEntry, readChecklist } from "../render/phase-checklist.js";

export type OnNotPlanned = "keep" | "tick";

/**
 * What the issue says about its task's checkbox: done (closed as completed, or as not planned with
 * `onNotPlanned: tick`), not done (open), or null: closed as not planned (or duplicate) with
 * `onNotPlanned: keep`, a resting state that agrees with either checkbox.
 */
export function issueSaysDone(
  issue: Pick<TrackedIssue, "state" | "stateReason">,
  onNotPlanned: OnNotPlanned,
): boolean | null {
  if (issue.state === "open") return false;
  if (issue.stateReason === "not_planned" || issue.stateReason === "duplicate")
    return onNotPlanned === "tick" ? true : null;
  return true;
}

type StateClass = "open" | "done" | "not-planned";

function classOf(state: "open" | "closed", reason: string | null | undefined): StateClass {
  if (state === "open") return "open";
  return reason === "not_planned" || reason === "duplicate" ? "not-planned" : "done";
}

function digest(entries: string[]): string {
  return createHash("sha1").update(entries.sort().join("\n")).digest("hex").slice(0, 12);
}

/** A phase issue's checklist (one issue per phase) as a digest entry; null for a body without one. */
function checklistEntry(key: string, body: string): string | null {
  const boxes = readChecklist(body);
  return boxes === null ? null : `${key}=ticked:${checklistDigestEntry(boxes)}`;
}

/** The digest of a list's task issues (and phase checklists) as GitHub holds them now. */
export function observedStatesDigest(issues: readonly TrackedIssue[], path: string): string {
  const mine = issues.filter((i) => i.marker.path === path);
  return digest([
    ...mine.filter((i) => i.marker.kind === "task").map((i) => `${i.key}=${classOf(i.state, i.stateReason)}`),
    ...mine.flatMap((i) => (i.marker.kind === "phase" ? (checklistEntry(i.key, i.body) ?? []) : [])),
  ]);
}

/**
 * The digest of a list's task issues as they will be once `ops` are applied: `issues` are the
 * list's existing issues, `dropped` those the plan stops tracking (duplicates), `taskKeys` the
 * keys of its tasks (to tell the task issues it opens from phase and tracking issues).
 */
export function plannedStatesDigest(
  issues: readonly TrackedIssue[],
  ops: readonly Operation[],
  dropped: ReadonlySet<number>,
  taskKeys: ReadonlySet<string>,
): string {
  const after = new Map<string, StateClass>(); // by key for created issues, by "#number" for existing ones
  const keyAfter = new Map<number, string>(); // an issue whose body is rewritten carries the key it was planned for
  const refOf = (key: string, number: number | null): string => (number === null ? key : `#${number}`);
  for (const op of ops) {
    if (op.kind === "create-issue" && taskKeys.has(op.key)) after.set(op.key, "open");
    if (op.kind === "update-issue" && op.state !== undefined)
      after.set(refOf(op.key, op.number), classOf(op.state, op.stateReason));
    if (op.kind === "update-issue" && op.body !== undefined && op.number !== null && taskKeys.has(op.key))
      keyAfter.set(op.number, op.key);
  }
  const entries: string[] = [];
  for (const issue of issues) {
    if (issue.marker.kind !== "task" || dropped.has(issue.number)) continue;
    entries.push(
      `${keyAfter.get(issue.number) ?? issue.key}=${after.get(`#${issue.number}`) ?? classOf(issue.state, issue.stateReason)}`,
    );
  }
  for (const op of ops) {
    if (op.kind === "create-issue" && taskKeys.has(op.key)) entries.push(`${op.key}=${after.get(op.key) ?? "open"}`);
  }
  // Phase checklists as the plan leaves them: a rewritten body's, else the body as it is.
  const bodyAfter = new Map<string, string>(); // of the issues the plan creates, by key
  const rewritten = new Map<number, string>(); // of existing issues, by number
  for (const op of ops) {
    if (
      (op.kind === "create-issue" || op.kind === "update-issue") &&
      op.body !== undefined &&
      parseMarker(op.body)?.kind === "phase"
    ) {
      if (op.kind === "update-issue" && op.number !== null) rewritten.set(op.number, op.body);
      else bodyAfter.set(op.key, op.body);
    }
  }
  for (const issue of issues) {
    if (issue.marker.kind !== "phase" || dropped.has(issue.number)) continue;
    const body = rewritten.get(issue.number) ?? issue.body;
    const marker = parseMarker(body);
    const entry = checklistEntry(marker ? markerKey(marker) : issue.key, body);
    if (entry !== null) entries.push(entry);
  }
  for (const [key, body] of bodyAfter) {
    const entry = checklistEntry(key, body);
    if (entry !== null) entries.push(entry);
  }
  return digest(entries);
}
