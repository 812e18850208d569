/**
 * A milestone tasksync made carries a hidden marker in its description, as its issues do:
 *   <!-- tasksync:milestone {"path":"specs/001-photos/tasks.md","key":"phase:3"} -->
 * Only a milestone with the marker, created by tasksync's own bot, is tasksync's: one someone
 * else made is never renamed or reused, whatever its title.
 */

/** What identity looks at in a milestone: its number, its description (the marker) and its creator. */
export interface MarkedMilestone {
  number: number;
  description: string;
  /** Login of whoever created it; null when GitHub does not say. */
  creator: string | null;
}

export interface MilestoneMarker {
  path: string;
  /** "phase:<phase key>" or "story:<story id>", unique within the list. */
  key: string;
}

const MILESTONE_MARKER_RE = /<!-- tasksync:milestone (\{.*?\}) -->/;

export function renderMilestoneMarker(marker: MilestoneMarker): string {
  return `<!-- tasksync:milestone ${JSON.stringify({ path: marker.path, key: marker.key })} -->`;
}

export function parseMilestoneMarker(description: string | null | undefined): MilestoneMarker | null {
  const match = MILESTONE_MARKER_RE.exec(description ?? "");
  if (!match?.[1]) return null;
  try {
    const value = JSON.parse(match[1]) as Partial<MilestoneMarker>;
    return typeof value.path === "string" && typeof value.key === "string"
      ? { path: value.path, key: value.key }
      : null;
  } catch {
    return null;
  }
}

/** A milestone's identity key in the repository (what desired milestones are keyed by). */
export const milestoneKey = (path: string, key: string): string => `${path}#milestone:${key}`;

/**
 * tasksync's own milestones by key: marked, and created by `author` when it is known. When one
 * key has several (a create whose answer was lost, sent twice), the oldest one counts.
 */
export function ownMilestones<M extends MarkedMilestone>(milestones: M[], author: string | undefined): Map<string, M> {
  const own = new Map<string, M>();
  for (const m of [...milestones].sort((a, b) => a.number - b.number)) {
    const marker = parseMilestoneMarker(m.description);
    if (!marker) continue;
    if (author !== undefined && (m.creator === null || m.creator.toLowerCase() !== author.toLowerCase())) continue;
    const key = milestoneKey(marker.path, marker.key);
    if (!own.has(key)) own.set(key, m);
  }
  return own;
}
