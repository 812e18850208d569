/**
 * Identity lives in a hidden marker in each issue body, never in the title:
 *   <!-- tasksync:v1 {"kind":"task","path":"specs/001-x/tasks.md","id":"T012",...} -->
 * The marker also carries the little state tasksync needs to stay idempotent and cheap.
 */

export type Marker = TaskMarker | PhaseMarker | TrackingMarker;

export interface TaskMarker {
  kind: "task";
  /** Repository-relative path of the task list. */
  path: string;
  id: string;
  /** Short hash of the normalized description: lets an issue follow its task when ids shift. */
  text: string;
  /** Ids of the tasks whose issues tasksync linked as blockers of this one. */
  links?: string[];
  /** Set when the task left the list and its issue was closed for that. */
  removed?: true;
  /** The line's assignable `@login`s last applied: the base of the assignee three-way rule. */
  assignees?: string[];
  /** Set on an issue a person opened and tasksync adopted: only the section below their text is tasksync's. */
  adopted?: true;
  /** The task's hand-off to a coding agent, once there was one (see {@link HandoffRecord}). */
  agent?: HandoffRecord;
}

/** How a task was handed to an agent (the `agents.dispatch` modes but none). */
export type HandoffMode = "label" | "comment" | "copilot" | "workflow";

/**
 * A task handed to a coding agent: recorded once, so it is handed out exactly once. `out`: with
 * the agent; `back`: a person took it back (removed the label, unassigned the agent, deleted the
 * comment, assigned a person) and it stays with people until one hands it out again.
 */
export interface HandoffRecord {
  via: HandoffMode;
  state: "out" | "back";
  /** dispatch: comment — the hand-off comment's id, once posted. */
  comment?: number;
}

export interface PhaseMarker {
  kind: "phase";
  path: string;
  /** The phase's stable key within the file (see keys.ts), e.g. "1", "3.10", "s:polish", "2/2". */
  phase: string;
  /** Keys of the phases whose issues tasksync linked as blockers of this one. */
  links?: string[];
  /** With one issue per phase: the ids whose box the body's checklist was last written ticked (the agreed state). */
  done?: string[];
}

export interface TrackingMarker {
  kind: "tracking";
  path: string;
  /** Blob sha of the task list content last reconciled; the baseline for the next push. */
  sha?: string;
  /** Hash of the diagnostics last posted as a comment, while the list has errors. */
  diag?: string;
  /** Digest of the states its task issues were left in: an issue closed or reopened since shows as a difference. */
  states?: string;
  /** Set when the list was last synced as one issue per phase (`issues.granularity: phase`). */
  granularity?: "phase";
  /** Per task held back by an error: the checkbox both sides last agreed on (see held-tasks.ts). */
  held?: Record<string, boolean | null>;
  /** Numbers of the issues people opened that tasksync adopted for this list's tasks: what makes them trusted. */
  adopted?: number[];
}

/** How every marker begins: the one place the marker's text is spelled (it holds no RegExp metacharacter). */
export const MARKER_PREFIX = "<!-- tasksync:v1";
const MARKER_RE = new RegExp(`${MARKER_PREFIX} (\\{.*?\\}) -->`);
const ANY_MARKER = new RegExp(`${MARKER_PREFIX} \\{.*?\\} -->`);

export function renderMarker(marker: Marker): string {
  return `${MARKER_PREFIX} ${JSON.stringify(marker)} -->`;
}

/** The body with its (first) marker replaced by `marker`; unchanged when it has none. Not fitted to GitHub's size limit. */
export function replaceMarker(body: string, marker: Marker): string {
  // a function, not a string: a task text holding `$&` or `$'` must not be read as a replacement pattern
  return body.replace(ANY_MARKER, () => renderMarker(marker));
}

/** Reads the marker from an issue body; null when there is none or it is not ours. */
export function parseMarker(body: string | null | undefined): Marker | null {
  if (!body) return null;
  const match = MARKER_RE.exec(body);
  if (!match?.[1]) return null;
  let value: unknown;
  try {
    value = JSON.parse(match[1]);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.path !== "string") return null;
  if (v.kind === "task" && typeof v.id === "string" && typeof v.text === "string") return v as unknown as TaskMarker;
  if (v.kind === "phase" && typeof v.phase === "string") return v as unknown as PhaseMarker;
  if (v.kind === "tracking") return v as unknown as TrackingMarker;
  return null;
}

/** The identity key of a marker: unique per repository. */
export function markerKey(marker: Marker): string {
  switch (marker.kind) {
    case "task":
      return taskKey(marker.path, marker.id);
    case "phase":
      return phaseKey(marker.path, marker.phase);
    case "tracking":
      return trackingKey(marker.path);
  }
}

export const taskKey = (path: string, id: string): string => `${path}#${id}`;
export const phaseKey = (path: string, phase: string): string => `${path}#phase:${phase}`;
export const trackingKey = (path: string): string => `${path}#feature`;
