/** The one comment on a feature's tracking issue that lists what is wrong with its task list. */
import { createHash } from "node:crypto";
import type { Diagnostic, TaskDocument } from "../../tasks/model.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import type { Held, HeldTask } from "../model/findings.js";

export const DIAGNOSTICS_MARKER = "<!-- tasksync:diagnostics -->";

/** An issue of a task no longer in the list, left open while a duplicate id may stand for it. */
export interface WaitingRemoval {
  number: number;
  taskId: string;
}

const lineList = (lines: readonly number[]): string =>
  lines.length === 0
    ? ""
    : lines.length === 1
      ? `line ${lines[0]}`
      : `lines ${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}`;

export function heldLine(task: HeldTask): string {
  const where = lineList(task.lines);
  return `**${task.id}**${where === "" ? "" : ` (${where})`}: ${[...new Set(task.errors.map((e) => e.message))].join("; ")}`;
}

const at = (d: Diagnostic): string => `- line ${d.line}: ${d.message}`;

/** A comment body within GitHub's size limit, cut with a note when it is longer. */
export function fitComment(body: string): string {
  return body.length <= GITHUB_LIMITS.maxTextLength
    ? body
    : `${body.slice(0, GITHUB_LIMITS.maxTextLength - 40)}\n\n… (truncated)`;
}

/**
 * The comment: with the whole list held, what stops it; else which tasks are held back and why
 * (their lines), the errors, the removals that wait, and the warnings.
 */
export function renderDiagnosticsComment(
  doc: TaskDocument,
  held: Held,
  waiting: readonly WaitingRemoval[] = [],
): string {
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  const lines = [DIAGNOSTICS_MARKER];
  if (held.whole) {
    lines.push(
      `### ⚠️ tasksync cannot sync \`${doc.path}\``,
      "",
      "The task list has errors, so nothing is created or closed for it until they are fixed:",
      "",
      ...errors.map(at),
    );
  } else {
    const n = held.tasks.size;
    lines.push(
      `### ⚠️ \`${doc.path}\` has errors: ${n} task${n === 1 ? " is" : "s are"} held back`,
      "",
      "Every other task is synced. These tasks are held back until the errors are fixed: a held task gets no issue yet, an existing one is left exactly as it is (not closed, retitled or re-linked), and no link to or from them is made or removed:",
      "",
      ...[...held.tasks.values()].map((t) => `- ${heldLine(t)}`),
      "",
      "A close, reopen, tick or untick made meanwhile is not lost: once the errors are fixed, the next sync carries it across.",
    );
    if (waiting.length > 0) {
      lines.push(
        "",
        "Issues of tasks no longer in the list stay open until the duplicate ids are fixed (a duplicate line may be one of these tasks renumbered):",
        "",
        ...waiting.map((w) => `- #${w.number} (${w.taskId})`),
      );
    }
    lines.push("", "Errors:", "", ...errors.map(at));
  }
  const warnings = doc.diagnostics.filter((d) => d.severity === "warning");
  if (warnings.length > 0) lines.push("", "Warnings:", "", ...warnings.map(at));
  lines.push(
    "",
    "Fix them and push again: this comment is updated, not repeated. Run `npx tasksync lint <file>` to check locally.",
  );
  return fitComment(lines.join("\n"));
}

export function renderDiagnosticsResolved(path: string): string {
  return [
    DIAGNOSTICS_MARKER,
    `### ✅ \`${path}\` parses cleanly again`,
    "",
    "tasksync has synced it, with every task it held back.",
  ].join("\n");
}

/** Short hash of a diagnostics comment, recorded on the tracking issue while the list has errors. */
export function diagnosticsHash(body: string): string {
  return createHash("sha1").update(body).digest("hex").slice(0, 12);
}
