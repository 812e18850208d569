/**
 * The diagnostics comment on a list's tracking issue, pure: posted once, then updated in place
 * while the list has errors. With the whole list held, the tracking issue records the hash of
 * what was posted and keeps its old base (nothing else of the list is planned).
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { DesiredIssue } from "../model/desired.js";
import type { Held } from "../model/findings.js";
import type { Marker } from "../../identity/marker.js";
import type { Operation } from "../operations.js";
import { diagnosticsHash, renderDiagnosticsComment } from "../render/render-diagnostics.js";
import { withMarker } from "../render/with-marker.js";

export type ObservedComment = { id: number; body: string } | null | undefined;

/** Creates the comment, or updates the one there when it says something else. */
export function planDiagnosticsComment(key: string, body: string, existing: ObservedComment): Operation[] {
  if (!existing) return [{ kind: "comment", key, body, reason: "the task list has errors" }];
  if (existing.body !== body)
    return [{ kind: "update-comment", key, commentId: existing.id, body, reason: "the errors changed" }];
  return [];
}

/** The whole list held: its tracking issue (created if need be) and the comment, nothing else. */
export function planWholeListDiagnostics(
  doc: TaskDocument,
  path: string,
  held: Held,
  tracking: TrackedIssue | undefined,
  trackingDesired: DesiredIssue,
  existing: ObservedComment,
): Operation[] {
  const ops: Operation[] = [];
  const body = renderDiagnosticsComment(doc, held);
  const hash = diagnosticsHash(body);
  const previous = tracking?.marker.kind === "tracking" ? tracking.marker : undefined;
  const marker: Marker = { ...previous, kind: "tracking", path, diag: hash };
  if (!tracking) {
    ops.push({
      kind: "create-issue",
      key: trackingDesired.key,
      title: trackingDesired.title,
      body: withMarker(trackingDesired.body, { kind: "tracking", path, diag: hash }),
      labels: trackingDesired.labels,
      reason: "the diagnostics need a home",
    });
  } else if (previous?.diag !== hash) {
    ops.push({
      kind: "update-issue",
      key: tracking.key,
      number: tracking.number,
      body: withMarker(tracking.body, marker),
      reason: "record the diagnostics posted",
    });
  }
  ops.push(...planDiagnosticsComment(trackingDesired.key, body, existing));
  return ops;
}
