/**
 * Stable keys for a document's phases, and how phases with more tasks than GitHub allows
 * sub-issues per parent are split into parts.
 */
import type { Phase, TaskDocument } from "../../tasks/model.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import type { PhaseSlot } from "../model/desired.js";

function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return s === "" ? "untitled" : s;
}

/** Base key of each phase (by phase index), unique within the document. */
export function phaseBaseKeys(doc: Pick<TaskDocument, "phases">): string[] {
  const seen = new Map<string, number>();
  return doc.phases.map((phase) => {
    const base = phase.number ?? `s:${slug(phase.title)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}~${count}`;
  });
}

/** The phase that holds tasks written before any phase heading, when they need a phase issue. */
export const NO_PHASE_KEY = "s:no-phase";

function noPhase(taskIds: string[]): Phase {
  const title = "Tasks without a phase";
  return {
    index: -1,
    number: null,
    title,
    heading: title,
    line: 1,
    depth: 2,
    kind: "other",
    story: null,
    priority: null,
    mvp: false,
    checkpoint: null,
    taskIds,
    skipped: false,
  };
}

function split(phase: Phase, base: string): PhaseSlot[] {
  const max = GITHUB_LIMITS.subIssuesPerParent;
  const parts = Math.ceil(phase.taskIds.length / max);
  return Array.from({ length: parts }, (_, i) => ({
    key: i === 0 ? base : `${base}/${i + 1}`,
    phase,
    part: i + 1,
    parts,
    taskIds: phase.taskIds.slice(i * max, (i + 1) * max),
  }));
}

/**
 * The phase issues a document needs: one per phase with tasks, split in parts of at most 100.
 * Tasks before any phase heading hang from the tracking issue directly while it has room for
 * them; past GitHub's 100 sub-issues per issue (or with `everyTaskInAPhase`) they get phase issues of their own.
 */
export function phaseSlots(doc: Pick<TaskDocument, "phases" | "tasks">, everyTaskInAPhase = false): PhaseSlot[] {
  const keys = phaseBaseKeys(doc);
  const slots = doc.phases.flatMap((phase, index) =>
    phase.taskIds.length === 0 ? [] : split(phase, keys[index] as string),
  );
  const loose = doc.tasks.filter((t) => t.phaseIndex === null).map((t) => t.id);
  // With one issue per phase (no task issues), loose tasks always need a phase issue's checklist.
  if (loose.length > 0 && (everyTaskInAPhase || slots.length + loose.length > GITHUB_LIMITS.subIssuesPerParent)) {
    slots.unshift(...split(noPhase(loose), NO_PHASE_KEY));
  }
  return slots;
}
