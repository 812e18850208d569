/**
 * Stable keys for a document's phases, and how phases with more tasks than GitHub allows
 * sub-issues per parent are split into parts.
 */
import type { Phase, TaskDocument } from "../tasks/model.js";
import { GITHUB_LIMITS } from "../github/limits.js";

/** One phase issue: a phase, or one part of a phase that had to be split. */
export interface PhaseSlot {
  /** Key within the file: the phase number ("3.10"), else a slug of its title; "/2" etc. for parts. */
  key: string;
  phase: Phase;
  /** 1-based part number, and how many parts the phase has (1 when not split). */
  part: number;
  parts: number;
  taskIds: string[];
}

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

/** The phase issues a document needs: one per phase with tasks, split in parts of at most 100. */
export function phaseSlots(doc: Pick<TaskDocument, "phases">): PhaseSlot[] {
  const keys = phaseBaseKeys(doc);
  const max = GITHUB_LIMITS.subIssuesPerParent;
  const slots: PhaseSlot[] = [];
  doc.phases.forEach((phase, index) => {
    if (phase.taskIds.length === 0) return;
    const base = keys[index] as string;
    const parts = Math.ceil(phase.taskIds.length / max);
    for (let part = 1; part <= parts; part += 1) {
      slots.push({
        key: part === 1 ? base : `${base}/${part}`,
        phase,
        part,
        parts,
        taskIds: phase.taskIds.slice((part - 1) * max, part * max),
      });
    }
  });
  return slots;
}
