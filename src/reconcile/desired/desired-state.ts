/**
 * What GitHub should hold for one task list: a tracking issue, a phase issue per phase (or
 * part), an issue per task, with labels, parents and blocked-by links. Pure.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { groupsOfTasks } from "../../tasks/graph/group-edges.js";
import type { GroupEdge, Task, TaskDocument } from "../../tasks/model.js";
import { baseLabels, OPTIONAL_LABEL, phaseLabels, readyLabel, taskLabels, uniqueLabels } from "./desired-labels.js";
import type { DesiredIssue, DesiredLabel, DesiredState, PhaseSlot } from "../model/desired.js";
import {
  phaseKey,
  taskKey,
  trackingKey,
  type PhaseMarker,
  type TaskMarker,
  type TrackingMarker,
} from "../../identity/marker.js";
import { phaseSlots } from "./phase-slots.js";
import { renderChecklist, tickedIds } from "../render/phase-checklist.js";
import { renderPhaseBody } from "../render/render-phase-body.js";
import { renderTaskBody } from "../render/render-task-body.js";
import { renderTrackingBody } from "../render/render-tracking-body.js";
import type { RepoContext } from "../../github/repo-context.js";
import { fitBody } from "../render/fit-body.js";
import { fileReadiness, isSettled, type TaskReadiness } from "../../tasks/graph/readiness.js";
import { subTasks } from "../../tasks/graph/sub-tasks.js";
import { textHash } from "../../identity/task-text.js";

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function clipTitle(title: string): string {
  const flat = title.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= GITHUB_LIMITS.issueTitleLength
    ? flat
    : `${chars.slice(0, GITHUB_LIMITS.issueTitleLength - 1).join("")}…`;
}

/** Task-level blocker ids per task, within GitHub's per-issue limits; overflowing tasks fall back to phase links. */
function taskLinks(doc: TaskDocument): { links: Map<string, string[]>; fallback: Set<string> } {
  const ids = new Set(doc.tasks.map((t) => t.id));
  const dropped = new Set(doc.tasks.filter((t) => t.status === "dropped").map((t) => t.id)); // blocks nothing
  const links = new Map<string, string[]>();
  const fallback = new Set<string>();
  const blocking = new Map<string, number>();
  const grouped = groupsOfTasks(doc);
  for (const task of doc.tasks) {
    if (grouped.has(task.id)) fallback.add(task.id); // a group edge links phase to phase

    const blockers = task.blockedBy.filter((id) => ids.has(id) && id !== task.id && !dropped.has(id));
    if (blockers.length > GITHUB_LIMITS.dependenciesPerIssue) {
      fallback.add(task.id);
      links.set(task.id, []);
      continue;
    }
    const kept = blockers.filter((id) => (blocking.get(id) ?? 0) < GITHUB_LIMITS.dependenciesPerIssue);
    if (kept.length < blockers.length) fallback.add(task.id);
    for (const id of kept) blocking.set(id, (blocking.get(id) ?? 0) + 1);
    links.set(task.id, kept);
  }
  return { links, fallback };
}

/**
 * For tasks whose blockers could not all be linked task to task: the phase slots of those
 * blockers (other than the task's own), to link from the task's phase slot instead.
 */
function fallbackPhaseLinks(
  doc: TaskDocument,
  fallback: Set<string>,
  slotOfTask: Map<string, PhaseSlot>,
): Map<string, PhaseSlot[]> {
  const extra = new Map<string, PhaseSlot[]>();
  const grouped = groupsOfTasks(doc);
  const groupSlots = new Map<GroupEdge, PhaseSlot[]>();
  /** The phase slots of a group's blockers, computed once per group. */
  const slotsOfGroup = (group: GroupEdge): PhaseSlot[] => {
    let slots = groupSlots.get(group);
    if (!slots) {
      slots = [...new Set(group.blockers.flatMap((id) => slotOfTask.get(id) ?? []))];
      groupSlots.set(group, slots);
    }
    return slots;
  };
  for (const task of doc.tasks) {
    const own = slotOfTask.get(task.id);
    if (!fallback.has(task.id) || !own) continue;
    const list = extra.get(own.key) ?? [];
    const add = (slot: PhaseSlot | undefined): void => {
      if (slot && slot.key !== own.key && !list.includes(slot)) list.push(slot);
    };
    for (const id of task.blockedBy) add(slotOfTask.get(id));
    for (const group of grouped.get(task.id) ?? []) for (const slot of slotsOfGroup(group)) add(slot);
    extra.set(own.key, list);
  }
  return extra;
}

/** Done, or dropped (not planned): nothing left to do for a phase or feature to wait on. */
const settled = (task: Task | undefined): boolean => task !== undefined && isSettled(task);

/** `readiness`: each task's, when the issues say more than the file ({@link issueAwareReadiness}); the file's by default. */
export function desiredState(
  doc: TaskDocument,
  config: TasksyncConfig,
  ctx: RepoContext,
  blobSha: string,
  readiness: ReadonlyMap<string, TaskReadiness> = fileReadiness(doc),
): DesiredState {
  const labelCfg = config.labels;
  const ready = readyLabel(labelCfg);
  const allLabels: DesiredLabel[] = [];
  const base = baseLabels(labelCfg, doc);
  const names = (extra: DesiredLabel[]): string[] => {
    const list = uniqueLabels([...base, ...extra]);
    allLabels.push(...list);
    return list.map((l) => l.name);
  };
  const perPhase = config.issues.granularity === "phase";
  const slots = phaseSlots(doc, perPhase);
  const tracking = trackingKey(doc.path);
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  const slotOfTask = new Map<string, PhaseSlot>();
  for (const slot of slots) for (const id of slot.taskIds) slotOfTask.set(id, slot);
  const slotKeyOf = new Map([...slotOfTask].map(([id, slot]) => [id, slot.key]));

  const issues: DesiredIssue[] = [];
  const trackingMarker: TrackingMarker = {
    kind: "tracking",
    path: doc.path,
    sha: blobSha,
    ...(perPhase ? { granularity: "phase" as const } : {}),
  };
  issues.push({
    key: tracking,
    kind: "tracking",
    title: clipTitle(fill(config.issues.featureTitleTemplate, { feature: doc.feature.id, title: doc.feature.title })),
    body: fitBody(
      renderTrackingBody(ctx, doc, slots, trackingMarker, {
        readiness,
        labels: labelCfg,
        featureLabel: base[1]?.name ?? "",
        taskIssues: !perPhase,
      }),
    ),
    labels: names([]),
    parentKey: null,
    blockedByKeys: [],
    done: doc.tasks.length > 0 && doc.tasks.every(settled),
  });

  const { links, fallback } = taskLinks(doc);
  const fallbackSlots = fallbackPhaseLinks(doc, fallback, slotOfTask);
  const slotsOfPhase = new Map<number, PhaseSlot[]>();
  for (const slot of slots) slotsOfPhase.set(slot.phase.index, [...(slotsOfPhase.get(slot.phase.index) ?? []), slot]);
  for (const slot of slots) {
    const blockerSlots = doc.phaseEdges
      .filter((e) => e.from === String(slot.phase.index))
      .flatMap((e) => slotsOfPhase.get(Number(e.to)) ?? []);
    const within =
      slot.part > 1 ? (slotsOfPhase.get(slot.phase.index) ?? []).filter((s) => s.part === slot.part - 1) : [];
    const extra = (fallbackSlots.get(slot.key) ?? []).filter((s) => !blockerSlots.includes(s) && !within.includes(s));
    const blockers = [...within, ...blockerSlots, ...extra].slice(0, GITHUB_LIMITS.dependenciesPerIssue);
    const marker: PhaseMarker = {
      kind: "phase",
      path: doc.path,
      phase: slot.key,
      links: blockers.map((s) => s.key),
      ...(perPhase ? { done: tickedIds(doc, slot) } : {}),
    };
    const heading = slot.parts > 1 ? `${slot.phase.heading} (part ${slot.part}/${slot.parts})` : slot.phase.heading;
    issues.push({
      key: phaseKey(doc.path, slot.key),
      kind: "phase",
      title: clipTitle(
        fill(config.issues.phaseTitleTemplate, {
          feature: doc.feature.id,
          phase: heading,
          number: slot.phase.number ?? "",
          title: slot.phase.title,
        }),
      ),
      body: fitBody(
        renderPhaseBody(
          ctx,
          doc,
          slot,
          marker,
          blockers.map((s) => s.phase.heading),
          perPhase ? renderChecklist(doc, slot, slotKeyOf) : undefined,
        ),
      ),
      labels: names(phaseLabels(labelCfg, slot.phase)),
      parentKey: tracking,
      blockedByKeys: blockers.map((s) => phaseKey(doc.path, s.key)),
      done: slot.taskIds.every((id) => settled(byId.get(id))),
    });
  }

  if (perPhase) return { issues, labels: uniqueLabels(allLabels) }; // the phases' checklists hold the tasks
  const hierarchy = subTasks(doc);
  const childrenPlaced = new Map<string, number>();
  for (const task of doc.tasks) {
    const phase = task.phaseIndex === null ? undefined : doc.phases[task.phaseIndex];
    // GitHub holds 100 sub-issues per parent: a parent task's sub-tasks past that go under its phase.
    let parentTask = hierarchy.parentOf(task);
    if (parentTask) {
      const placed = (childrenPlaced.get(parentTask.id) ?? 0) + 1;
      childrenPlaced.set(parentTask.id, placed);
      if (placed > GITHUB_LIMITS.subIssuesPerParent) parentTask = undefined;
    }
    const linked = links.get(task.id) ?? [];
    const hash = textHash(task.description);
    const marker: TaskMarker = { kind: "task", path: doc.path, id: task.id, text: hash, links: linked };
    const slot = slotOfTask.get(task.id);
    issues.push({
      key: taskKey(doc.path, task.id),
      kind: "task",
      title: clipTitle(
        fill(config.issues.titleTemplate, {
          id: task.id,
          description: task.description,
          feature: doc.feature.id,
          phase: phase?.title ?? "",
          story: task.story ?? "",
        }),
      ),
      body: fitBody(
        renderTaskBody({
          ctx,
          doc,
          task,
          phase,
          marker,
          linkedBlockers: linked,
          phaseLevelFallback: fallback.has(task.id),
        }),
      ),
      labels: names([
        ...taskLabels(labelCfg, task, phase),
        ...(task.optional ? [OPTIONAL_LABEL] : []),
        ...(ready && readiness.get(task.id) === "ready" ? [ready] : []),
      ]),
      parentKey: parentTask ? taskKey(doc.path, parentTask.id) : slot ? phaseKey(doc.path, slot.key) : tracking,
      blockedByKeys: linked.map((id) => taskKey(doc.path, id)),
      done: hierarchy.isDone(task),
      task,
      textHash: hash,
    });
  }
  return { issues, labels: uniqueLabels(allLabels) };
}
