/**
 * Reads one list-item line: its bullet, checkbox marker, task id, leading bracket tags and
 * description. Knows nothing about phases or other lines.
 */
import type { CheckboxMarker, TaskStatus } from "./model.js";

export interface ListItemLine {
  /** Column of the bullet ("-", "*", "+", "1.") in the line. */
  indent: number;
  /** Column where the item's content starts (after the bullet and one space). */
  contentColumn: number;
  /** Column of the checkbox marker character, or -1 when the item has no checkbox. */
  markerColumn: number;
  marker: CheckboxMarker;
  /** The item text after the bullet and checkbox. */
  content: string;
}

export interface TaskHead {
  id: string;
  parallel: boolean;
  story: string | null;
  tags: string[];
  description: string;
  /** True when the id was written in bold ("**T001**"). */
  boldId: boolean;
}

/** Markers: " ", x/X, ~, -, /, or any other single non-alphanumeric character ("[P]" is a tag). */
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(\s+)(?:\[([xX]|[^A-Za-z0-9\]])\](?=\s|$)\s*)?(.*)$/;

/** A list item line, with or without a checkbox; null when the line is not a list item. */
export function readListItem(text: string): ListItemLine | null {
  const m = LIST_ITEM.exec(text);
  if (!m) return null;
  const lead = m[1] as string;
  const bullet = m[2] as string;
  const gap = m[3] as string;
  const indent = lead.replace(/\t/g, "    ").length;
  const contentColumn = lead.length + bullet.length + gap.length;
  if (m[4] === undefined) {
    return { indent, contentColumn, markerColumn: -1, marker: "", content: m[5] ?? "" };
  }
  return { indent, contentColumn, markerColumn: contentColumn + 1, marker: m[4], content: m[5] ?? "" };
}

const TASK_HEAD = /^(\*\*)?(T\d+[a-z]?)(?::?\*\*)?(?=[\s:.]|$)[:.]?\s*/;
const SEPARATOR = /^(?:[-–—:]\s+|[-–—:]$)/;
const TAG = /^\[([^\]\n]*)\]\s*/;
const STORY_TAG = /^US\d+$/i;

/** The id, tags and description at the start of an item's content; null when it has no id. */
export function readTaskHead(content: string): TaskHead | null {
  const m = TASK_HEAD.exec(content);
  if (!m) return null;
  const boldId = m[1] !== undefined;
  if (boldId && !m[0].includes("**", 2)) return null; // "**T001 text" is not a bold id
  let rest = content.slice(m[0].length);
  rest = rest.replace(SEPARATOR, "");
  let parallel = false;
  let story: string | null = null;
  const tags: string[] = [];
  for (let t = TAG.exec(rest); t !== null; t = TAG.exec(rest)) {
    const tag = (t[1] as string).trim();
    if (/^p$/i.test(tag)) parallel = true;
    else if (STORY_TAG.test(tag) && story === null) story = tag.toUpperCase();
    else tags.push(tag);
    rest = rest.slice(t[0].length).replace(SEPARATOR, "");
  }
  return { id: m[2] as string, parallel, story, tags, description: rest.trim(), boldId };
}

export function statusOf(marker: CheckboxMarker): { checked: boolean; status: TaskStatus } {
  switch (marker) {
    case "x":
    case "X":
      return { checked: true, status: "done" };
    case " ":
    case "":
      return { checked: false, status: "open" };
    case "~":
    case "/":
      return { checked: false, status: "in-progress" };
    case "-":
      return { checked: false, status: "skipped" };
    default:
      return { checked: false, status: "other" };
  }
}

/** The indentation width of a line (tabs count as 4). */
export function indentOf(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === " ") n++;
    else if (ch === "\t") n += 4;
    else break;
  }
  return n;
}
