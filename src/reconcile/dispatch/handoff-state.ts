/**
 * What GitHub says about a task's hand-off (pure): whether the agent holds it (its label, its
 * assignment, the hand-off comment — a `repository_dispatch` leaves no trace) and whether a
 * person holds it. With the record in the task's marker this decides the record's next state:
 * a person who takes a task back has the last word.
 */
import type { HandoffMode, HandoffRecord } from "../../identity/marker.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";

/** The logins GitHub shows Copilot's coding agent under, as an assignee. */
export const COPILOT_LOGINS: readonly string[] = ["copilot-swe-agent[bot]", "copilot-swe-agent", "copilot"];
export const COPILOT_ASSIGNEE = "copilot-swe-agent[bot]";

export interface HandoffSignals {
  mode: HandoffMode;
  /** dispatch: label — the label the agent reacts to. */
  label: string | null;
  /** tasksync's own login (its assignments are no person's), when known. */
  botLogin?: string;
  /** dispatch: comment — the id of tasksync's hand-off comment on the issue; null: none; undefined: not read. */
  comment?: number | null;
}

const lower = (s: string): string => s.toLowerCase();

/** Whether the agent visibly holds the task; undefined when the mode leaves nothing to see. */
export function agentHolds(issue: TrackedIssue, signals: HandoffSignals): boolean | undefined {
  switch (signals.mode) {
    case "label": {
      const label = signals.label === null ? null : lower(signals.label);
      return label !== null && issue.labels.some((l) => lower(l) === label);
    }
    case "copilot":
      return (issue.assignees ?? []).some((a) => COPILOT_LOGINS.includes(lower(a)));
    case "comment":
      return signals.comment === undefined ? undefined : signals.comment !== null;
    case "workflow":
      return undefined;
  }
}

/** A person assigned to the issue (not an agent, not tasksync), if any. */
export function personAssigned(issue: TrackedIssue, botLogin: string | undefined): string | undefined {
  return (issue.assignees ?? []).find(
    (a) => !COPILOT_LOGINS.includes(lower(a)) && (botLogin === undefined || lower(a) !== lower(botLogin)),
  );
}

export type HandoffVerdict =
  /** With the agent: counts in flight. `record` differs from the marker's when it must be written. */
  | { holder: "agent"; record: HandoffRecord; why?: string }
  /** Taken back by a person (or never handed out because a person holds it). */
  | { holder: "person"; record: HandoffRecord | undefined; why?: string }
  /** Nobody: may be handed out. */
  | { holder: "none" };

/**
 * The next state of a task's record. A recorded hand-off whose trace is gone, or a person
 * assigned, is taken back; a trace with no record (a crash between the send and the record, or a
 * person who put the label on or assigned the agent) is with the agent and gets recorded.
 */
export function handoffVerdict(
  issue: TrackedIssue,
  record: HandoffRecord | undefined,
  signals: HandoffSignals,
): HandoffVerdict {
  const person = personAssigned(issue, signals.botLogin);
  const holds = record !== undefined && record.via !== signals.mode ? undefined : agentHolds(issue, signals);
  if (record?.state === "out") {
    if (person !== undefined)
      return { holder: "person", record: { ...record, state: "back" }, why: `@${person} was assigned` };
    if (holds === false)
      return { holder: "person", record: { ...record, state: "back" }, why: takenBackWhy(record.via) };
    return { holder: "agent", record };
  }
  if (person !== undefined) return { holder: "person", record };
  if (holds === true) {
    const comment =
      signals.mode === "comment" && typeof signals.comment === "number" ? { comment: signals.comment } : {};
    const next: HandoffRecord = { via: signals.mode, state: "out", ...comment };
    return { holder: "agent", record: next, why: record ? "a person handed it out again" : "the agent holds it" };
  }
  return record?.state === "back" ? { holder: "person", record } : { holder: "none" };
}

function takenBackWhy(via: HandoffMode): string {
  switch (via) {
    case "label":
      return "the agent's label was removed";
    case "copilot":
      return "the agent was unassigned";
    case "comment":
      return "the hand-off comment was deleted";
    case "workflow":
      return "taken back";
  }
}
