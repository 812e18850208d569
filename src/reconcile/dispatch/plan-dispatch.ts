/**
 * Which ready tasks go to a coding agent now (pure), and the records that keep each hand-off to
 * exactly one. A task is handed out when it is ready (what the `ready` label says), its issue is
 * open, no error holds it, no person holds it, {@link orderWaits} lets it go, `agents.only` names
 * it, and fewer than `agents.maxInFlight` tasks of the list are with an agent (handed out, still
 * open). Every task issue's marker keeps its {@link HandoffRecord}; {@link handoffVerdict} moves a
 * record to `back` when a person took the task back, and a task whose record exists is never
 * handed out again by itself — only `/tasksync dispatch <id>` (a person with write access) does.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import type { HandoffMode, HandoffRecord, TaskMarker } from "../../identity/marker.js";
import { parseMarker } from "../../identity/marker.js";
import { withMarker } from "../render/with-marker.js";
import type { RepoContext } from "../../github/repo-context.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import type { Task, TaskDocument } from "../../tasks/model.js";
import type { TaskReadiness } from "../../tasks/graph/readiness.js";
import type { DesiredIssue } from "../model/desired.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { HandoffSend, Operation } from "../operations.js";
import type { FieldWarning } from "../model/findings.js";
import { containerIds, orderWaits } from "./dispatch-order.js";
import { handoffCommentMarker } from "../render/handoff-text.js";
import { clip, renderInstructions } from "./handoff-instructions.js";
import { COPILOT_ASSIGNEE, handoffVerdict, type HandoffSignals } from "./handoff-state.js";

/** The `repository_dispatch` event type a workflow listens for. */
export const DISPATCH_EVENT_TYPE = "tasksync-task-ready";

/** The hidden line that marks tasksync's hand-off comment for a task. */
export interface DispatchObservation {
  /** dispatch: comment — tasksync's hand-off comment per task issue key (null: none), for the issues read. */
  comments?: ReadonlyMap<string, number | null>;
  /** Names in the task list's folder (a trailing "/" for folders), when read. */
  folder?: readonly string[];
  /** dispatch: copilot — whether a user token to assign the agent with is configured. */
  agentToken?: boolean;
  /** tasksync's own login. */
  botLogin?: string;
}

export interface DispatchInput {
  doc: TaskDocument;
  config: TasksyncConfig;
  ctx: RepoContext;
  /** The desired issues as planned so far (the task bodies' markers are rewritten here). */
  desired: readonly DesiredIssue[];
  matched: ReadonlyMap<string, TrackedIssue>;
  readiness: ReadonlyMap<string, TaskReadiness>;
  heldKeys: ReadonlySet<string>;
  observed: DispatchObservation;
  /** Task ids a person asked to hand out (again) with `/tasksync dispatch`. */
  redispatch?: ReadonlySet<string>;
}

/** A task with an agent now. */
export interface InProgress {
  taskId: string;
  number: number;
  via: HandoffMode;
}

export interface DispatchPlan {
  desired: DesiredIssue[];
  operations: Operation[];
  inProgress: InProgress[];
  warnings: FieldWarning[];
  notes: string[];
  /** Task issue keys whose hand-off comment observe must read before this plan is final (dispatch: comment). */
  commentReads: string[];
  /** Whether a hand-off is planned (its instructions want the task list's folder read). */
  handsOut: boolean;
}

/** The message for dispatch: copilot without a user token, said in the log, the tracking issue and the config check. */
export const NO_AGENT_TOKEN =
  "agents.dispatch is copilot, but GitHub assigns Copilot's coding agent only with a user token, and none is set: nothing was handed out. Set TASKSYNC_AGENT_TOKEN (a fine-grained token of a user with write access; TASKSYNC_AGENT_LOGIN names that user) for the app, or the Action input `agent-token` (a secret).";

const lower = (s: string): string => s.toLowerCase();

/** Whether `agents.only` lets a task go: empty lets every task go; else a phase number or title, story or label must match. */
export function onlyAllows(only: readonly string[], task: Task, doc: TaskDocument, labels: readonly string[]): boolean {
  if (only.length === 0) return true;
  const phase = task.phaseIndex === null ? undefined : doc.phases[task.phaseIndex];
  const names = [
    phase?.number,
    phase?.title,
    phase?.heading,
    phase?.number === undefined || phase.number === null ? undefined : `Phase ${phase.number}`,
    task.story,
    ...labels,
  ].flatMap((n) => (n === undefined || n === null ? [] : [lower(n)]));
  return only.some((o) => names.includes(lower(o)));
}

function withRecord(d: DesiredIssue, record: HandoffRecord | undefined): DesiredIssue {
  const marker = parseMarker(d.body);
  if (marker?.kind !== "task") return d;
  const next: TaskMarker = { ...marker };
  delete next.agent;
  if (record !== undefined) next.agent = record;
  return { ...d, body: withMarker(d.body, next) };
}

export function planDispatch(input: DispatchInput): DispatchPlan {
  const { doc, config, matched, readiness } = input;
  const agents = config.agents;
  const mode: HandoffMode | null = agents.dispatch === "none" ? null : agents.dispatch;
  const waits = orderWaits(doc, readiness);
  const containers = containerIds(doc);
  const inProgress: InProgress[] = [];
  const warnings: FieldWarning[] = [];
  const notes: string[] = [];
  const commentReads: string[] = [];
  const desired: DesiredIssue[] = [];
  const candidates: Array<{ d: DesiredIssue; task: Task; issue: TrackedIssue; record: HandoffRecord | undefined }> = [];

  for (const d of input.desired) {
    const issue = matched.get(d.key);
    const record = issue?.marker.kind === "task" ? issue.marker.agent : undefined;
    if (d.kind !== "task" || !d.task || !issue || issue.state === "closed" || d.done || mode === null) {
      desired.push(withRecord(d, record)); // the record stays as it is
      continue;
    }
    // A comment hand-off in flight is looked at each time: a person may have deleted it.
    if (mode === "comment" && record?.state === "out" && !input.observed.comments?.has(d.key)) commentReads.push(d.key);
    const signals: HandoffSignals = {
      mode,
      label: agents.label,
      ...(input.observed.botLogin === undefined ? {} : { botLogin: input.observed.botLogin }),
      ...(input.observed.comments?.has(d.key) ? { comment: input.observed.comments.get(d.key) ?? null } : {}),
    };
    const verdict = handoffVerdict(issue, record, signals);
    if (verdict.holder === "agent") {
      inProgress.push({ taskId: d.task.id, number: issue.number, via: verdict.record.via });
      if (verdict.why !== undefined) notes.push(`${d.task.id} is with the agent: ${verdict.why}`);
      desired.push(withRecord(d, verdict.record));
      continue;
    }
    if (verdict.holder === "person") {
      if (verdict.why !== undefined) notes.push(`${d.task.id} was taken back from the agent: ${verdict.why}`);
      desired.push(withRecord(d, verdict.record));
      if (input.redispatch?.has(d.task.id)) candidates.push({ d, task: d.task, issue, record: verdict.record });
      continue;
    }
    desired.push(withRecord(d, record));
    candidates.push({ d, task: d.task, issue, record });
  }

  const operations: Operation[] = [];
  if (mode === "copilot" && input.observed.agentToken !== true) {
    if (candidates.length > 0) warnings.push({ message: NO_AGENT_TOKEN });
    return { desired, operations, inProgress, warnings, notes, commentReads, handsOut: false };
  }
  let free = agents.maxInFlight - inProgress.length;
  for (const c of candidates) {
    const asked = input.redispatch?.has(c.task.id) === true;
    if (mode === null) break;
    if (input.heldKeys.has(c.d.key) || readiness.get(c.task.id) !== "ready" || containers.has(c.task.id)) continue;
    if (!asked) {
      if (free <= 0 || waits.has(c.task.id) || !onlyAllows(agents.only, c.task, doc, c.d.labels)) continue;
      // A comment hand-off is looked for before it is sent (a crash after the post, before the record).
      if (mode === "comment" && !input.observed.comments?.has(c.d.key)) {
        commentReads.push(c.d.key);
        free -= 1;
        continue;
      }
    }
    free -= 1;
    const instructions = renderInstructions({
      ctx: input.ctx,
      doc,
      task: c.task,
      issueNumber: c.issue.number,
      ...(input.observed.folder ? { folder: input.observed.folder } : {}),
    });
    const record: HandoffRecord = { via: mode, state: "out" };
    const index = desired.findIndex((d) => d.key === c.d.key);
    const current = desired[index] ?? c.d;
    inProgress.push({ taskId: c.task.id, number: c.issue.number, via: mode });
    operations.push({
      kind: "dispatch-task",
      key: c.d.key,
      number: c.issue.number,
      taskId: c.task.id,
      via: mode,
      send: handoffSend(mode, c.task, c.issue, instructions, input),
      body: withRecord(current, record).body,
      reason: asked ? "a person asked for it with /tasksync dispatch" : "ready, and an agent slot is free",
    });
  }
  if (commentReads.length > 0) operations.length = 0; // planned again once the comments are read
  return { desired, operations, inProgress, warnings, notes, commentReads, handsOut: operations.length > 0 };
}

function handoffSend(
  mode: HandoffMode,
  task: Task,
  issue: TrackedIssue,
  instructions: string,
  input: DispatchInput,
): HandoffSend {
  const agents = input.config.agents;
  switch (mode) {
    case "label":
      return { mode, label: agents.label ?? "" };
    case "comment":
      return {
        mode,
        body: `${agents.comment ?? ""} please take this task.\n\n${instructions}\n\n${handoffCommentMarker(task.id)}`,
      };
    case "copilot":
      return { mode, assignee: COPILOT_ASSIGNEE, baseBranch: input.ctx.defaultBranch, instructions };
    case "workflow": {
      const phase = task.phaseIndex === null ? undefined : input.doc.phases[task.phaseIndex];
      const payload: Record<string, string | number> = {
        path: input.doc.path,
        taskId: task.id,
        issue: issue.number,
        title: issue.title,
        instructions: clip(instructions, GITHUB_LIMITS.maxTextLength - 2_000),
        phase: phase?.heading ?? "",
        story: task.story ?? "",
        url: issue.htmlUrl,
      };
      return { mode, eventType: DISPATCH_EVENT_TYPE, payload };
    }
  }
}
