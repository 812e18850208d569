/**
 * Adopted issues in the plan, pure. An adopted issue keeps its person's title and text: what
 * tasksync wants of it is its own render below that text ({@link adoptedBody}). The first time,
 * the update that would bring an issue there becomes an `adopt-issue` operation (label and
 * section, in one write); and the list's record names every issue it adopted, which is what
 * makes them trusted from then on ({@link isAdoptedIssue}).
 */
import type { DesiredIssue } from "../model/desired.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Operation } from "../operations.js";
import { adoptedBody, personText } from "../render/adopted-body.js";
import { parseMarker } from "../../identity/marker.js";
import { withMarker } from "../render/with-marker.js";

const isAdopted = (issue: TrackedIssue | undefined): issue is TrackedIssue =>
  issue?.marker.kind === "task" && issue.marker.adopted === true;

/** What tasksync wants of an issue: for an adopted one, the person's title and text with its section below. */
export function adoptedView(d: DesiredIssue, issue: TrackedIssue | undefined): DesiredIssue {
  if (d.kind !== "task" || !isAdopted(issue)) return d;
  const marker = parseMarker(d.body);
  const section = marker?.kind === "task" ? withMarker(d.body, { ...marker, adopted: true }) : d.body;
  return { ...d, title: issue.title, body: adoptedBody(personText(issue.body), section) };
}

/**
 * An issue being adopted now: its planned body and label update becomes one `adopt-issue`; a
 * state change (a task already ticked) stays an update after it. Nothing to write when an
 * earlier adoption already wrote it (and only the record was lost).
 */
export function takeOver(planned: Operation[], issue: TrackedIssue, key: string): Operation[] {
  return planned.flatMap((op): Operation[] => {
    if (op.kind !== "update-issue" || op.key !== key || (op.body === undefined && op.labels === undefined)) return [op];
    const adopt: Operation = {
      kind: "adopt-issue",
      key,
      number: issue.number,
      body: op.body ?? issue.body,
      labels: op.labels ?? issue.labels,
      bodySeen: issue.body,
      reason: "an issue opened for this task before tasksync: adopting it",
    };
    if (op.state === undefined) return [adopt];
    return [
      adopt,
      {
        kind: "update-issue",
        key,
        number: issue.number,
        state: op.state,
        ...(op.stateReason === undefined ? {} : { stateReason: op.stateReason }),
        reason: op.reason,
      },
    ];
  });
}

/** The record's adopted numbers: those it held, and every adopted issue the list now has; undefined when none. */
export function adoptedRecord(
  previous: readonly number[] | undefined,
  issues: Iterable<TrackedIssue>,
): number[] | undefined {
  const numbers = new Set(previous ?? []);
  for (const issue of issues) if (isAdopted(issue)) numbers.add(issue.number);
  return numbers.size === 0 ? undefined : [...numbers].sort((a, b) => a - b);
}
