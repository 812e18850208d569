/**
 * With `issues.granularity: phase`, a phase issue's body holds its tasks as a GitHub task list,
 * between two hidden delimiters:
 *
 *   <!-- tasksync:checklist -->
 *   - [ ] **T003** [P] [US1] Add the upload form — blocked by T001 (#12), T002
 *   <!-- /tasksync:checklist -->
 *
 * Each line starts with its checkbox and the task id in bold; that is all the reader needs. A
 * blocker in another phase names that phase's issue; one in the same phase is its id. A task
 * that cannot be ticked (dropped, or written without a checkbox) is a plain bullet. Pure.
 */
import type { Task, TaskDocument } from "../../tasks/model.js";
import { issueToken } from "./issue-ref-tokens.js";
import { phaseKey } from "../../identity/marker.js";
import type { PhaseSlot } from "../model/desired.js";

export const CHECKLIST_START = "<!-- tasksync:checklist -->";
export const CHECKLIST_END = "<!-- /tasksync:checklist -->";

/** A description longer than this is clipped in its line (the task list keeps the whole text). */
const MAX_DESCRIPTION = 300;

const LINE = /^\s*[-*+] \[([ xX])\] \*\*([^*\s]+)\*\*/;

function clip(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= MAX_DESCRIPTION ? chars.join("") : `${chars.slice(0, MAX_DESCRIPTION - 1).join("")}…`;
}

/** Whether a task has a box people can tick: it has a checkbox in the file and is not dropped. */
export function isTickable(task: Task): boolean {
  return task.checkboxOffset >= 0 && task.status !== "dropped";
}

function blockerText(doc: TaskDocument, task: Task, slotKeyOf: ReadonlyMap<string, string>): string {
  const own = slotKeyOf.get(task.id);
  const known = new Set(doc.tasks.map((t) => t.id));
  const names = task.blockedBy
    .filter((id) => id !== task.id && known.has(id))
    .map((id) => {
      const slot = slotKeyOf.get(id);
      return slot === undefined || slot === own ? id : `${id} (${issueToken(phaseKey(doc.path, slot))})`;
    });
  return names.length === 0 ? "" : ` — blocked by ${names.join(", ")}`;
}

/** One checklist line for a task. */
export function checklistLine(doc: TaskDocument, task: Task, slotKeyOf: ReadonlyMap<string, string>): string {
  const tags = [task.parallel ? "[P]" : null, task.story ? `[${task.story}]` : null].filter(
    (t): t is string => t !== null,
  );
  const text = [`**${task.id}**`, ...tags, clip(task.description)].join(" ") + blockerText(doc, task, slotKeyOf);
  if (task.status === "dropped") return `- ~~${text}~~ (dropped)`;
  if (task.checkboxOffset < 0) return `- ${text}${task.checked ? " (done)" : ""}`;
  return `- [${task.checked ? "x" : " "}] ${text}`;
}

/** The checklist section of a phase issue (the delimiters included). */
export function renderChecklist(doc: TaskDocument, slot: PhaseSlot, slotKeyOf: ReadonlyMap<string, string>): string {
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  const lines = slot.taskIds.flatMap((id) => {
    const task = byId.get(id);
    return task ? [checklistLine(doc, task, slotKeyOf)] : [];
  });
  return [CHECKLIST_START, "", ...lines, "", CHECKLIST_END].join("\n");
}

/** The ids of a slot's tasks whose box is ticked in the file: what the marker records as agreed. */
export function tickedIds(doc: TaskDocument, slot: PhaseSlot): string[] {
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  return slot.taskIds.filter((id) => {
    const task = byId.get(id);
    return task !== undefined && isTickable(task) && task.checked;
  });
}

/**
 * The boxes of a body's checklist, by task id (true: ticked); null when the body has no
 * checklist section. Lines outside the delimiters are not read.
 */
export function readChecklist(body: string): Map<string, boolean> | null {
  const start = body.indexOf(CHECKLIST_START);
  if (start < 0) return null;
  const end = body.indexOf(CHECKLIST_END, start);
  const section = body.slice(start + CHECKLIST_START.length, end < 0 ? undefined : end);
  const boxes = new Map<string, boolean>();
  for (const line of section.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && !boxes.has(m[2])) boxes.set(m[2], m[1] !== " ");
  }
  return boxes;
}

/** A short, order-free text of a checklist's boxes (for the tracking issue's state digest). */
export function checklistDigestEntry(boxes: ReadonlyMap<string, boolean>): string {
  return [...boxes]
    .filter(([, ticked]) => ticked)
    .map(([id]) => id)
    .sort()
    .join(",");
}
