/**
 * The plan: a list of operations, as data. Every operation names the issue key it concerns and
 * a human reason. The planner makes them; apply.ts is the only code that carries them out.
 */

import type { CheckboxChange } from "./checkbox-change.js";
import type { HandoffMode } from "../identity/marker.js";

/** What handing a task to an agent sends, per `agents.dispatch` mode. */
export type HandoffSend =
  | { mode: "label"; label: string }
  | { mode: "comment"; body: string }
  | { mode: "copilot"; assignee: string; baseBranch: string; instructions: string }
  | { mode: "workflow"; eventType: string; payload: Record<string, string | number> };

export type IssueState = "open" | "closed";
export type StateReason = "completed" | "not_planned" | "reopened" | "duplicate";

export type Operation =
  | { kind: "ensure-label"; name: string; color: string; exists: boolean; reason: string }
  | { kind: "create-issue"; key: string; title: string; body: string; labels: string[]; reason: string }
  | {
      kind: "update-issue";
      key: string;
      number: number | null;
      title?: string;
      body?: string;
      labels?: string[];
      state?: IssueState;
      stateReason?: StateReason;
      /** A phase body's checklist as observed when planned: apply writes the body only if it still reads so. */
      checklistSeen?: string;
      reason: string;
    }
  /**
   * Takes over an issue a person opened (`adopt: true`): tasksync's label and its section below
   * their text. `bodySeen` is the body as observed; after an answer lost to a 5xx, apply looks
   * again and sends once more only while the body still reads so.
   */
  | {
      kind: "adopt-issue";
      key: string;
      number: number;
      body: string;
      labels: string[];
      bodySeen: string;
      reason: string;
    }
  | { kind: "add-sub-issue"; key: string; parentKey: string; replaceParent: boolean; reason: string }
  | { kind: "add-blocked-by"; key: string; blockerKey: string; reason: string }
  | { kind: "remove-blocked-by"; key: string; blockerKey: string; blockerId: number; reason: string }
  /** A milestone tasksync keeps: created when `number` is null, else renamed (key: the milestone's key). */
  /** Creates (number null) or renames one of tasksync's milestones; `state: "closed"` closes one whose phase or story left the list. */
  | {
      kind: "ensure-milestone";
      key: string;
      title: string;
      description: string;
      number: number | null;
      state?: "closed";
      reason: string;
    }
  /** An issue's milestone (by its key; number null until it is created), assignees (the full list) and type. */
  | {
      kind: "set-issue-fields";
      key: string;
      number: number | null;
      milestone?: { key: string; number: number | null };
      assignees?: string[];
      type?: string;
      reason: string;
    }
  | { kind: "comment"; key: string; body: string; reason: string }
  | { kind: "update-comment"; key: string; commentId: number; body: string; reason: string }
  /** The file follows its issues: one commit changing exactly these checkboxes (key: the list's tracking key). */
  | { kind: "write-checkboxes"; key: string; path: string; changes: CheckboxChange[]; reason: string }
  /**
   * Hands a task to a coding agent, exactly once: sends `send` and writes `body` (the issue body
   * whose marker records the hand-off). An observable hand-off is sent first and recorded after;
   * a `repository_dispatch`, which leaves no trace, is recorded first and sent after.
   */
  | {
      kind: "dispatch-task";
      key: string;
      number: number;
      taskId: string;
      via: HandoffMode;
      send: HandoffSend;
      body: string;
      reason: string;
    };

export type OperationKind = Operation["kind"];

/** The order apply runs operation kinds in: labels, then issues, then links, then comments. */
export const OPERATION_ORDER: readonly OperationKind[] = [
  "write-checkboxes",
  "ensure-label",
  "ensure-milestone",
  "create-issue",
  "adopt-issue",
  "set-issue-fields", // before update-issue: a body recording the assignees base is written after them
  "update-issue",
  "add-sub-issue",
  "remove-blocked-by",
  "add-blocked-by",
  "comment",
  "update-comment",
  "dispatch-task", // last: the task's issue has its labels and body by then
];

/** One line describing an operation, for logs and dry runs. */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "ensure-label":
      return `${op.exists ? "recolour" : "create"} label "${op.name}" (#${op.color})`;
    case "create-issue":
      return `create issue "${op.title}" [${op.key}]`;
    case "update-issue": {
      const what = [
        op.state === "closed" ? `close (${op.stateReason ?? "completed"})` : op.state === "open" ? "reopen" : null,
        op.title !== undefined ? "title" : null,
        op.body !== undefined ? "body" : null,
        op.labels !== undefined ? "labels" : null,
      ].filter((w): w is string => w !== null);
      return `update ${op.number === null ? op.key : `#${op.number}`}: ${what.join(", ")} [${op.key}]`;
    }
    case "adopt-issue":
      return `adopt #${op.number} [${op.key}]`;
    case "ensure-milestone":
      if (op.number === null) return `create milestone "${op.title}" [${op.key}]`;
      return op.state === "closed"
        ? `close milestone ${op.number} "${op.title}" [${op.key}]`
        : `rename milestone ${op.number} to "${op.title}" [${op.key}]`;
    case "set-issue-fields": {
      const what = [
        op.milestone ? `milestone ${op.milestone.number ?? op.milestone.key}` : null,
        op.assignees
          ? `assignees ${op.assignees.length === 0 ? "none" : op.assignees.map((a) => `@${a}`).join(" ")}`
          : null,
        op.type ? `type ${op.type}` : null,
      ].filter((w): w is string => w !== null);
      return `set ${op.number === null ? op.key : `#${op.number}`}: ${what.join(", ")} [${op.key}]`;
    }
    case "add-sub-issue":
      return `make [${op.key}] a sub-issue of [${op.parentKey}]${op.replaceParent ? " (moving it)" : ""}`;
    case "add-blocked-by":
      return `link [${op.key}] as blocked by [${op.blockerKey}]`;
    case "remove-blocked-by":
      return `unlink [${op.key}] from blocker [${op.blockerKey}]`;
    case "comment":
      return `comment on [${op.key}]`;
    case "update-comment":
      return `update comment ${op.commentId} on [${op.key}]`;
    case "dispatch-task":
      return `hand ${op.taskId} (#${op.number}) to an agent by ${op.via} [${op.key}]`;
    case "write-checkboxes": {
      const ticks = op.changes.filter((c) => c.checked).map((c) => c.taskId);
      const unticks = op.changes.filter((c) => !c.checked).map((c) => c.taskId);
      return `write ${op.path}: ${[ticks.length > 0 ? `tick ${ticks.join(", ")}` : null, unticks.length > 0 ? `untick ${unticks.join(", ")}` : null].filter(Boolean).join(", ")}`;
    }
  }
}

/** The log fields of an operation: its kind, the issue key, the task id when it concerns a task, and why. */
export function operationLogFields(op: Operation): { op: OperationKind; key: string; task?: string; reason: string } {
  const key = "key" in op ? op.key : op.name;
  const task = "key" in op ? /#(T\d+[a-z]?)$/.exec(op.key)?.[1] : undefined;
  return { op: op.kind, key, ...(task === undefined ? {} : { task }), reason: op.reason };
}
