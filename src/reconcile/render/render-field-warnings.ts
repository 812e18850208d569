/**
 * The diagnostics comment when a list synced but something could not be done as it asks (a
 * login that cannot be assigned, a milestone title someone else holds). Same marker as the
 * errors comment, so there is one comment per list, updated, never repeated.
 */
import type { FieldWarning } from "../model/findings.js";
import { DIAGNOSTICS_MARKER, fitComment } from "./render-diagnostics.js";

const warningLine = (w: FieldWarning): string => `- ${w.line === undefined ? "" : `line ${w.line}: `}${w.message}`;

export function renderFieldWarnings(path: string, warnings: FieldWarning[]): string {
  const body = [
    DIAGNOSTICS_MARKER,
    `### ⚠️ tasksync synced \`${path}\` with warnings`,
    "",
    "Everything else is synced; these were left as they are:",
    "",
    ...warnings.map(warningLine),
    "",
    "Fix them in the task list or on GitHub: this comment is updated, not repeated.",
  ].join("\n");
  return fitComment(body);
}

/**
 * The list's one diagnostics comment: the errors comment (when tasks are held back) with the
 * field warnings added under it, or the warnings alone; undefined when there is nothing to say.
 */
export function withFieldWarnings(
  errorsComment: string | undefined,
  path: string,
  warnings: FieldWarning[],
): string | undefined {
  if (warnings.length === 0) return errorsComment;
  if (errorsComment === undefined) return renderFieldWarnings(path, warnings);
  return fitComment([errorsComment, "", "#### Also left as they are", "", ...warnings.map(warningLine)].join("\n"));
}
