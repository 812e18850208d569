/**
 * The file side of the two-way reconcile for one issue per phase, pure. Per task in a phase
 * issue's checklist, three states: the box in the body now, the box as tasksync last wrote it
 * (recorded in the phase marker: the state both sides agreed on), and the file now against the
 * list as last reconciled. The box changed and the file did not → the file follows (a checkbox
 * change). The file changed → the file wins and the body follows. Both changed → they agree
 * (booleans) or the file wins. A box changed while the file cannot follow this time (write-back
 * off, or the edit held in a pull request) stays as the person left it in the re-rendered body.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { CheckboxChange } from "../checkbox-change.js";
import type { DesiredIssue } from "../model/desired.js";
import type { Held } from "../model/findings.js";
import {
  CHECKLIST_END,
  CHECKLIST_START,
  checklistDigestEntry,
  isTickable,
  readChecklist,
} from "../render/phase-checklist.js";
import { baselineTask } from "./plan-issue-state.js";
import { textHash } from "../../identity/task-text.js";

export interface ChecklistPlanInput {
  desired: readonly DesiredIssue[];
  matched: ReadonlyMap<string, TrackedIssue>;
  doc: TaskDocument;
  /** The list as last reconciled; null when unknown (then the file wins: nothing to follow). */
  baseline: TaskDocument | null;
  /** Phase issues whose checklist was last edited by someone without write access: their boxes change nothing. */
  distrusted?: ReadonlySet<string>;
  /** Ids of tasks held back by an error in their line (see held-tasks.ts): a box changed on GitHub is kept, not written, until it is fixed. */
  held?: ReadonlySet<string>;
}

export interface ChecklistPlan {
  /** The boxes people changed that the file has not: ticks and unticks to write. */
  changes: CheckboxChange[];
  /** The same (and those of held tasks), by phase key: id → the box as the person left it. */
  pending: Map<string, Map<string, boolean>>;
}

export function planPhaseChecklists(input: ChecklistPlanInput): ChecklistPlan {
  const plan: ChecklistPlan = { changes: [], pending: new Map() };
  const { baseline, doc } = input;
  if (baseline === null) return plan;
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  for (const d of input.desired) {
    if (d.kind !== "phase" || input.distrusted?.has(d.key)) continue;
    const issue = input.matched.get(d.key);
    const agreed = issue?.marker.kind === "phase" ? issue.marker.done : undefined;
    if (!issue || agreed === undefined) continue; // not (yet) a checklist tasksync wrote
    const boxes = readChecklist(issue.body);
    const mine = readChecklist(d.body); // the tasks this phase holds now
    if (boxes === null || mine === null) continue;
    const agreedSet = new Set(agreed);
    for (const [id, ticked] of boxes) {
      const task = byId.get(id);
      if (!task || !mine.has(id) || !isTickable(task)) continue;
      if (ticked === agreedSet.has(id)) continue; // nobody changed this box on GitHub
      const hash = textHash(task.description);
      const base = baselineTask(baseline, task, hash);
      if (!base || task.checked !== base.checked) continue; // the file changed (or the task is new): the file wins
      if (ticked === task.checked) continue;
      // A held task's box waits (kept in the body) until the error in its line is fixed.
      if (!input.held?.has(id))
        plan.changes.push({ taskId: id, issueNumber: issue.number, text: hash, checked: ticked });
      const pending = plan.pending.get(d.key) ?? new Map<string, boolean>();
      pending.set(id, ticked);
      plan.pending.set(d.key, pending);
    }
  }
  return plan;
}

/** A rendered phase body with some boxes set as a person left them (the file could not follow yet). */
export function withBoxes(body: string, boxes: ReadonlyMap<string, boolean>): string {
  const start = body.indexOf(CHECKLIST_START);
  const end = body.indexOf(CHECKLIST_END, start);
  if (start < 0 || end < 0 || boxes.size === 0) return body;
  const section = body
    .slice(start, end)
    .split("\n")
    .map((line) => {
      const m = /^- \[([ xX])\] \*\*([^*\s]+)\*\*/.exec(line);
      const want = m?.[2] === undefined ? undefined : boxes.get(m[2]);
      return want === undefined ? line : `- [${want ? "x" : " "}]${line.slice(5)}`;
    })
    .join("\n");
  return body.slice(0, start) + section + body.slice(end);
}

/** The desired issues with the boxes people changed kept in their phase bodies (when the file cannot follow this time). */
export function keepPendingBoxes(
  desired: DesiredIssue[],
  pending: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
): DesiredIssue[] {
  if (pending.size === 0) return desired;
  return desired.map((d) => {
    const boxes = pending.get(d.key);
    return boxes ? { ...d, body: withBoxes(d.body, boxes) } : d;
  });
}

/**
 * The checklist a phase body was planned against, for apply to compare with the body just before
 * writing it: a box ticked on GitHub since must not be overwritten (the next reconcile takes it).
 */
export function checklistSeen(issue: Pick<TrackedIssue, "body">): { checklistSeen?: string } {
  const boxes = readChecklist(issue.body);
  return boxes === null ? {} : { checklistSeen: checklistDigestEntry(boxes) };
}

/** What {@link pendingChecklists} reads of a prepared list. */
export interface PreparedChecklists {
  desired: { issues: readonly DesiredIssue[] };
  matched: ReadonlyMap<string, TrackedIssue>;
  held: Held;
}

/**
 * The phase issues, by key, whose checklists hold ticks the file has not taken: the ones whose
 * last editor {@link distrustedChecklists} checks. None without a list, or with the whole list held.
 */
export function pendingChecklists(
  doc: TaskDocument | null,
  baseline: TaskDocument | null,
  prepared: PreparedChecklists,
): Map<string, TrackedIssue> {
  const issues = new Map<string, TrackedIssue>();
  if (!doc || prepared.held.whole) return issues;
  const { pending } = planPhaseChecklists({
    desired: prepared.desired.issues,
    matched: prepared.matched,
    doc,
    baseline,
    held: new Set(prepared.held.tasks.keys()),
  });
  for (const key of pending.keys()) {
    const issue = prepared.matched.get(key);
    if (issue) issues.set(key, issue);
  }
  return issues;
}
