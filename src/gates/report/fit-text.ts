/** Keeping check-run Markdown within GitHub's size limit: cut at a line, say so. */
import { GITHUB_LIMITS } from "../../github/limits.js";

export const TRUNCATED_NOTE = "_… truncated to fit GitHub's limit of 65,535 characters; the task list has the rest._";

export function fitText(
  text: string,
  max: number = GITHUB_LIMITS.maxTextLength,
  note: string = TRUNCATED_NOTE,
): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - note.length - 2);
  const cut = text.lastIndexOf("\n", room);
  const kept = text.slice(0, cut > 0 ? cut : room).trimEnd();
  return `${kept}\n\n${note}`;
}

/** Markdown-safe text for a table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

/** The first `max` items, then "and N more". */
export function listSome(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
