/**
 * The stable JSON shape of a parsed task list (`tasksync parse FILE --json`). Each task's
 * `blockedBy` lists task-level blockers only (explicit statements and xe's in-step order);
 * phase-order blockers are in `phaseEdges` / each phase's `blockedBy` (phase indexes).
 */
import type { TaskDocument } from "./model.js";

export const DOCUMENT_JSON_VERSION = 1;

export function toDocumentJson(doc: TaskDocument) {
  const phaseBlockers = new Map<string, number[]>();
  for (const edge of doc.phaseEdges) {
    const list = phaseBlockers.get(edge.from) ?? [];
    list.push(Number(edge.to));
    phaseBlockers.set(edge.from, list);
  }
  return {
    version: DOCUMENT_JSON_VERSION,
    path: doc.path,
    format: doc.dialect,
    feature: doc.feature,
    phases: doc.phases.map((p) => ({
      index: p.index,
      number: p.number,
      title: p.title,
      heading: p.heading,
      line: p.line,
      kind: p.kind,
      story: p.story,
      priority: p.priority,
      mvp: p.mvp,
      checkpoint: p.checkpoint,
      skipped: p.skipped,
      taskIds: p.taskIds,
      blockedBy: (phaseBlockers.get(String(p.index)) ?? []).sort((a, b) => a - b),
    })),
    tasks: doc.tasks.map((t) => ({
      id: t.id,
      line: t.line,
      checked: t.checked,
      status: t.status,
      marker: t.marker,
      parallel: t.parallel,
      story: t.story,
      phase: t.phaseIndex === null ? null : (doc.phases[t.phaseIndex]?.title ?? null),
      phaseIndex: t.phaseIndex,
      parentId: t.parentId,
      optional: t.optional,
      requirements: t.requirements,
      tags: t.tags,
      assignees: t.assignees,
      description: t.description,
      files: t.files,
      details: t.details,
      checkboxOffset: t.checkboxOffset,
      blockedBy: t.blockedBy,
    })),
    taskEdges: doc.taskEdges,
    groupEdges: doc.groupEdges,
    phaseEdges: doc.phaseEdges,
    diagnostics: doc.diagnostics,
  };
}

export type DocumentJson = ReturnType<typeof toDocumentJson>;
