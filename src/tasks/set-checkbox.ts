/**
 * Writing a checkbox back: replaces the one marker character of a task's checkbox and keeps
 * every other byte (CRLF, trailing spaces, a missing final newline, the BOM). The checkbox is
 * found by checkbox-lookup.ts, which reads only the lines that could hold the task; the whole
 * list is parsed only where that cannot tell.
 */
import { CheckboxLookup } from "./checkbox-lookup.js";
import { parseTaskList } from "./parse-tasks.js";

export class CheckboxError extends Error {
  constructor(
    message: string,
    readonly taskId: string,
  ) {
    super(message);
    this.name = "CheckboxError";
  }
}

interface CheckboxIndex {
  text: string;
  lookup: CheckboxLookup;
  /** Task id → offset of its checkbox marker (the first task with that id), -1 without one; filled as asked. */
  offsets: Map<string, number>;
  /** Every task's offset from a full parse, once one was needed. */
  parsed: Map<string, number> | null;
  upper: number;
  lower: number;
}

const TICK = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([xX])\]/gm;

/** One-entry memo: flipping many boxes in a row re-uses the index (offsets never move). */
let last: CheckboxIndex | null = null;

function indexOf(text: string): CheckboxIndex {
  if (last !== null && last.text === text) return last;
  let upper = 0;
  let lower = 0;
  TICK.lastIndex = 0;
  for (let m = TICK.exec(text); m !== null; m = TICK.exec(text)) {
    if (m[1] === "X") upper++;
    else lower++;
  }
  last = { text, lookup: new CheckboxLookup(text), offsets: new Map(), parsed: null, upper, lower };
  return last;
}

/** The offset of the task's checkbox marker, -1 without one, undefined for no such task. */
function offsetOf(index: CheckboxIndex, taskId: string): number | undefined {
  const known = index.offsets.get(taskId);
  if (known !== undefined) return known;
  let offset: number | undefined = index.lookup.find(taskId) ?? undefined;
  if (offset === undefined) {
    index.parsed ??= new Map(parseTaskList("tasks.md", index.lookup.text).tasks.map((t) => [t.id, t.checkboxOffset]));
    offset = index.parsed.get(taskId);
  }
  if (offset !== undefined) index.offsets.set(taskId, offset);
  return offset;
}

/**
 * Sets a task's checkbox to an exact marker character (" ", "x", "X", "~", ...). Returns the
 * text unchanged when the marker is already that. Throws CheckboxError for an unknown id or a
 * task without a checkbox.
 */
export function setCheckboxMarker(text: string, taskId: string, marker: string): string {
  if (marker.length !== 1 || marker === "]" || marker === "\n" || marker === "\r") {
    throw new CheckboxError(`invalid checkbox marker ${JSON.stringify(marker)}`, taskId);
  }
  const index = indexOf(text);
  const offset = offsetOf(index, taskId);
  if (offset === undefined) throw new CheckboxError(`no task ${taskId} in this task list`, taskId);
  if (offset < 0) throw new CheckboxError(`task ${taskId} has no checkbox`, taskId);
  const current = text[offset] as string;
  if (current === marker) return text;
  const next = text.slice(0, offset) + marker + text.slice(offset + 1);
  const upper = index.upper + (marker === "X" ? 1 : 0) - (current === "X" ? 1 : 0);
  const lower = index.lower + (marker === "x" ? 1 : 0) - (current === "x" ? 1 : 0);
  last = { ...index, text: next, upper, lower };
  return next;
}

/**
 * Ticks or unticks a task. Ticking writes "X" when the file's ticked boxes mostly use "X",
 * else "x"; a task that is already ticked (either case) is left alone. Unticking writes " ";
 * a task that is already not done (" ", "~", "-", "/" ...) is left alone, so its status stays.
 */
export function setCheckbox(text: string, taskId: string, checked: boolean): string {
  const index = indexOf(text);
  const offset = offsetOf(index, taskId);
  if (offset === undefined) throw new CheckboxError(`no task ${taskId} in this task list`, taskId);
  if (offset < 0) throw new CheckboxError(`task ${taskId} has no checkbox`, taskId);
  const current = text[offset];
  const isChecked = current === "x" || current === "X";
  if (isChecked === checked) return text;
  return setCheckboxMarker(text, taskId, checked ? (index.upper > index.lower ? "X" : "x") : " ");
}
