/**
 * Which phase a heading puts the following lines in: a phase heading opens one, a phase's
 * sub-headings (even phase-like ones) stay in it, and any other heading at its level or above
 * ends it. Headings that look like phases inside a non-phase section ("## Examples" ›
 * "### Phase 3.2") open phases marked `nested`, dropped later when they hold no task.
 */
import type { DraftPhase } from "./document-parts.js";
import type { Dialect } from "../model.js";
import { readPhaseHeading, type Heading } from "./phases.js";

/** Applies a heading: opens a phase, ends the current one, or is a sub-heading inside it. */
export function openPhase(
  heading: Heading,
  dialect: Dialect,
  phases: DraftPhase[],
  current: DraftPhase | null,
  sectionDepth: number | null,
  line: number,
): { phase: DraftPhase | null; sectionDepth: number | null } {
  const head = readPhaseHeading(heading.text, dialect);
  // A phase's sub-headings belong to it, even phase-like ones ("## Phase 1" › "### Tier 0").
  if (head && current && heading.depth > current.depth) return { phase: current, sectionDepth };
  if (head) {
    const nested = sectionDepth !== null && heading.depth > sectionDepth;
    const phase: DraftPhase = {
      ...head,
      index: phases.length,
      line,
      depth: heading.depth,
      checkpoint: null,
      taskIds: [],
      nested,
    };
    phases.push(phase);
    return { phase, sectionDepth: nested ? sectionDepth : null };
  }
  if (current && heading.depth > current.depth) return { phase: current, sectionDepth };
  if (heading.depth < 2) return { phase: null, sectionDepth };
  if (current && !current.nested) return { phase: null, sectionDepth: heading.depth };
  const depth = sectionDepth === null || heading.depth <= sectionDepth ? heading.depth : sectionDepth;
  return { phase: null, sectionDepth: depth };
}
