/** The one comment on a feature's tracking issue that lists what is wrong with its task list. */
import { createHash } from "node:crypto";
import type { TaskDocument } from "../tasks/model.js";
import { GITHUB_LIMITS } from "../github/limits.js";

export const DIAGNOSTICS_MARKER = "<!-- tasksync:diagnostics -->";

export function renderDiagnosticsComment(doc: TaskDocument): string {
  const lines = [
    DIAGNOSTICS_MARKER,
    `### ⚠️ tasksync cannot sync \`${doc.path}\``,
    "",
    "The task list has errors, so nothing is created or closed for it until they are fixed:",
    "",
    ...doc.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => `- line ${d.line}: ${d.message}`),
  ];
  const warnings = doc.diagnostics.filter((d) => d.severity === "warning");
  if (warnings.length > 0) lines.push("", "Warnings:", "", ...warnings.map((d) => `- line ${d.line}: ${d.message}`));
  lines.push("", "Fix them and push again: this comment is updated, not repeated. Run `npx tasksync lint <file>` to check locally.");
  const body = lines.join("\n");
  return body.length <= GITHUB_LIMITS.maxTextLength ? body : `${body.slice(0, GITHUB_LIMITS.maxTextLength - 40)}\n\n… (truncated)`;
}

export function renderDiagnosticsResolved(path: string): string {
  return [DIAGNOSTICS_MARKER, `### ✅ \`${path}\` parses cleanly again`, "", "tasksync has synced it."].join("\n");
}

export function diagnosticsHash(doc: TaskDocument): string {
  return createHash("sha1").update(renderDiagnosticsComment(doc)).digest("hex").slice(0, 12);
}
