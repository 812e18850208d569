/**
 * The planner: desired state (from the task list and config) against what GitHub holds →
 * a list of operations. Pure: no I/O. An empty plan means in sync.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import { desiredState } from "../desired/desired-state.js";
import type { DesiredIssue, DesiredState } from "../model/desired.js";
import { duplicateKey, planDuplicates, splitDuplicates, type Duplicate } from "./plan-duplicates.js";
import { plannedStatesDigest } from "../three-way/issue-states.js";
import { parseMarker, taskKey, trackingKey, type TrackingMarker } from "../../identity/marker.js";
import { baseWithHeld, heldRecord, heldTasks, waitingRemovals } from "./held-tasks.js";
import type { FieldWarning, Held } from "../model/findings.js";
import { matchIssues } from "./match-issues.js";
import { planCheckboxes } from "../three-way/plan-checkboxes.js";
import { issueAwareReadiness } from "../three-way/issue-readiness.js";
import { labelsWithoutReady } from "../desired/desired-labels.js";
import { fileReadiness, type TaskReadiness } from "../../tasks/graph/readiness.js";
import { planDispatch, type DispatchObservation, type InProgress } from "../dispatch/plan-dispatch.js";
import { checklistSeen, keepPendingBoxes, planPhaseChecklists } from "../three-way/plan-phase-checklists.js";
import { supersededByPhase } from "./granularity-switch.js";
import { OPERATION_ORDER, type Operation } from "../operations.js";
import { fieldChanges } from "./plan-fields.js";
import { planLabels } from "./plan-labels.js";
import type { LinkedIssue, ObservedFields, ObservedLabel } from "../observe/observed.js";
import { needsLinkRead, planBlockedBy, planParent, type LinkContext } from "./plan-links.js";
import { rollupStateChange, taskStateChange } from "../three-way/plan-issue-state.js";
import { planDiagnosticsComment, planWholeListDiagnostics } from "./plan-diagnostics.js";
import { diagnosticsHash, renderDiagnosticsComment, renderDiagnosticsResolved } from "../render/render-diagnostics.js";
import type { RepoContext } from "../../github/repo-context.js";
import { FULL_HOST, forHost, type PlanHost } from "../desired/host-sections.js";
import { withMarker } from "../render/with-marker.js";
import { planIssueFields } from "./plan-issue-fields.js";
import { withFieldWarnings } from "../render/render-field-warnings.js";
import { adoptedRecord, adoptedView, takeOver } from "./plan-adoptions.js";

export interface FileObservation {
  /** Every tracked issue in the repository (the planner picks this file's). */
  issues: TrackedIssue[];
  /** Labels in the repository, by lower-cased name. */
  labels: Map<string, ObservedLabel>;
  /** Actual blocked-by lists read for some issues, by desired key. */
  blockedBy: Map<string, LinkedIssue[]>;
  /** The diagnostics comment on the tracking issue, when observe read the comments; null when there is none. */
  diagnosticsComment?: { id: number; body: string } | null;
  /** Milestones, assignability and issue types, when observed (plan-issue-fields.ts). */
  fields?: ObservedFields;
  /** What the agents' hand-offs need read (see {@link planDispatch}). */
  dispatch?: DispatchObservation;
}

export interface IssueRef {
  number: number;
  id: number;
  /** GraphQL node id, when known (createIssue's parentIssueId takes it). */
  nodeId?: string;
}

export interface PlanInput {
  path: string;
  /** The task list now; null when the file was deleted. */
  doc: TaskDocument | null;
  /** The task list as last reconciled (from the tracking issue's recorded blob); null when unknown. */
  baseline: TaskDocument | null;
  /** Blob sha of `doc`'s text. */
  blobSha: string;
  /** The commit being reconciled, for the comments on removed tasks. */
  commitSha: string;
  config: TasksyncConfig;
  ctx: RepoContext;
  observed: FileObservation;
  /** What the GitHub host can link (default: sub-issues and dependencies). */
  host?: PlanHost;
  /** Phase issues whose checklist edits are not trusted (see checklist-editors.ts). */
  distrustedChecklists?: ReadonlySet<string>;
  /** Task ids a person asked to hand to an agent with `/tasksync dispatch`. */
  redispatch?: ReadonlySet<string>;
  /** Numbers of the issues (among `observed.issues`) this reconcile adopts (see {@link observeAdoptions}). */
  adopting?: ReadonlySet<number>;
  /** Why issues that look like tasks were not adopted: shown in the diagnostics comment. */
  adoptionDiagnostics?: readonly string[];
}

export interface Plan {
  path: string;
  /** In the order they must run: labels, issues, links, comments, then the tracking issue's record. */
  operations: Operation[];
  /** Number and database id of every existing issue an operation names, by key. */
  refs: Map<string, IssueRef>;
  /** Issues that were already right. */
  unchanged: number;
  /** Set when an error held back the whole list and only its diagnostics were planned. */
  blockedByErrors: boolean;
  /** Ids of the tasks errors held back (nothing planned for them); absent or empty when none. */
  held?: string[];
  /** What could not be done as the list asks (shown in the diagnostics comment), and info notes. */
  warnings?: FieldWarning[];
  notes?: string[];
  /** Tasks with a coding agent now (see {@link planDispatch}). */
  inProgress?: InProgress[];
  /** Task issue keys whose hand-off comments must be read and the list planned again (dispatch: comment). */
  dispatchReads?: string[];
  /** Whether a hand-off is planned (its instructions link the folder's documents, once read). */
  handsOut?: boolean;
  /** Why issues that look like tasks were not adopted (`adopt: true`; also among the warnings). */
  adoptionDiagnostics?: string[];
}

function planIssue(
  d: DesiredIssue,
  issue: TrackedIssue | undefined,
  input: PlanInput,
  links: LinkContext,
): Operation[] {
  const ops: Operation[] = [];
  const state = d.kind === "task" ? taskStateChange(d, issue, input.baseline) : rollupStateChange(d, issue);
  if (!issue) {
    // A new tracking issue records no baseline until the whole plan has applied (see planFile).
    const body = d.kind === "tracking" ? withMarker(d.body, { kind: "tracking", path: input.path }) : d.body;
    ops.push({ kind: "create-issue", key: d.key, title: d.title, body, labels: d.labels, reason: "no issue yet" });
    if (state?.state === "closed") {
      ops.push({
        kind: "update-issue",
        key: d.key,
        number: null,
        state: "closed",
        stateReason: state.stateReason,
        reason: state.why,
      });
    }
  } else {
    const changes = fieldChanges(d, issue, input.config.labels);
    if (d.kind === "tracking") delete changes.body; // written last, by planFile
    const reasons = [
      ...(changes.title !== undefined ? ["title changed"] : []),
      ...(changes.body !== undefined ? ["body changed"] : []),
      ...(changes.labels !== undefined ? ["labels changed"] : []),
      ...(state ? [state.why] : []),
    ];
    if (reasons.length > 0) {
      ops.push({
        kind: "update-issue",
        key: d.key,
        number: issue.number,
        ...changes,
        ...(changes.body !== undefined && d.kind === "phase" ? checklistSeen(issue) : {}),
        ...(state ? { state: state.state, stateReason: state.stateReason } : {}),
        reason: reasons.join("; "),
      });
    }
  }
  ops.push(...planParent(d, issue, links), ...planBlockedBy(d, issue, links));
  return ops;
}

/**
 * The key of an issue no desired issue claimed. Not its marker's key: when a regenerated list
 * shifts the ids, a kept task can carry that key now, and its operations must not reach this issue.
 */
export const removedKey = (issue: TrackedIssue): string => `${issue.key}~removed#${issue.number}`;

function planRemoved(issue: TrackedIssue, input: PlanInput): Operation[] {
  const m = issue.marker;
  const key = removedKey(issue);
  if (issue.state === "closed" || (m.kind === "task" && m.removed)) return [];
  if (m.kind !== "task") {
    return [
      {
        kind: "update-issue",
        key,
        number: issue.number,
        state: "closed",
        stateReason: "not_planned",
        reason: "its phase left the task list",
      },
    ];
  }
  const superseded = supersededByPhase(issue, input, key);
  if (superseded) return superseded;
  if (input.config.issues.onRemoved === "leave-open") return [];
  const labels = labelsWithoutReady(issue.labels, input.config.labels);
  return [
    {
      kind: "update-issue",
      key,
      number: issue.number,
      body: withMarker(issue.body, { ...m, removed: true }),
      ...(labels ? { labels } : {}),
      state: "closed",
      stateReason: "not_planned",
      reason: "the task left the task list",
    },
    {
      kind: "comment",
      key,
      body: `Task ${m.id} was removed from \`${m.path}\` in ${input.commitSha}, so this issue is closed as not planned. It reopens if the task comes back.`,
      reason: "say why it closed",
    },
  ];
}

/** What GitHub should hold for a file, paired with the issues it holds: computed once per file. */
export interface PreparedFile {
  desired: DesiredState;
  /** This file's tracked issues (without duplicates). */
  mine: TrackedIssue[];
  matched: Map<string, TrackedIssue>;
  unclaimed: TrackedIssue[];
  host: PlanHost;
  /** Second issues for one key, to close in favour of the kept one. */
  duplicates: Duplicate[];
  /** The tasks the list's errors hold back (see held-tasks.ts). */
  held: Held;
  /** Keys of the held tasks' issues. */
  heldKeys: ReadonlySet<string>;
  /** Each task's readiness, counting the issues (what the `ready` label says). */
  readiness: ReadonlyMap<string, TaskReadiness>;
}

export function prepareFile(
  input: Omit<PlanInput, "observed"> & { observed: Pick<FileObservation, "issues"> },
): PreparedFile {
  const { doc } = input;
  const { kept: mine, duplicates } = splitDuplicates(input.observed.issues.filter((i) => i.marker.path === input.path));
  let desired = doc ? desiredState(doc, input.config, input.ctx, input.blobSha) : { issues: [], labels: [] };
  const host = input.host ?? FULL_HOST;
  const { matched, unclaimed } = matchIssues(desired.issues, mine);
  const held = heldTasks(doc);
  // An issue closed ahead of its tick already counts as done for the ready queue (same keys, same match).
  const readiness = doc
    ? issueAwareReadiness(
        doc,
        desired.issues,
        matched,
        input.baseline,
        input.config.writeBack.onNotPlanned,
        new Set(held.tasks.keys()),
      )
    : null;
  if (doc && readiness) desired = desiredState(doc, input.config, input.ctx, input.blobSha, readiness);
  const issues = forHost(desired.issues, host, (key) => matched.get(key)?.number);
  const heldKeys = new Set([...held.tasks.keys()].map((id) => taskKey(input.path, id)));
  const readyNow = readiness ?? (doc ? fileReadiness(doc) : new Map<string, TaskReadiness>());
  return {
    desired: { ...desired, issues },
    mine,
    duplicates,
    matched,
    unclaimed,
    host,
    held,
    heldKeys,
    readiness: readyNow,
  };
}

export function planFile(input: PlanInput, prepared: PreparedFile = prepareFile(input)): Plan {
  const { path, doc, observed } = input;
  const { desired, mine, matched, unclaimed, duplicates, held, heldKeys } = prepared;
  const trackingDesired = desired.issues.find((d) => d.kind === "tracking");
  const labelOps = planLabels(desired.labels, observed.labels);
  const heldIds = [...held.tasks.keys()];

  if (doc && trackingDesired && held.whole) {
    const tracking = mine.find((i) => i.key === trackingKey(path));
    const diagnostics = planWholeListDiagnostics(
      doc,
      path,
      held,
      tracking,
      trackingDesired,
      observed.diagnosticsComment,
    );
    const ops = [...(tracking ? [] : planLabels(desired.labels.slice(0, 2), observed.labels)), ...diagnostics];
    const refs = new Map(tracking ? [[tracking.key, { number: tracking.number, id: tracking.id }]] : []);
    return { path, operations: ops, refs, unchanged: 0, blockedByErrors: true, held: heldIds };
  }

  // Held tasks are compared against the base they kept while held (see held-tasks.ts).
  const recorded = matched.get(trackingKey(path))?.marker;
  const previousHeld = recorded?.kind === "tracking" ? recorded.held : undefined;
  const baseline = baseWithHeld(input.baseline, doc, previousHeld);
  const planInput: PlanInput = { ...input, baseline };
  const syncing = heldKeys.size === 0 ? desired.issues : desired.issues.filter((d) => !heldKeys.has(d.key));

  // The file follows its issues first: one commit, then the reconcile plans again at it.
  const checklists = doc
    ? planPhaseChecklists({
        desired: syncing,
        matched,
        doc,
        baseline,
        held: new Set(heldIds),
        ...(input.distrustedChecklists ? { distrusted: input.distrustedChecklists } : {}),
      })
    : null;
  if (doc && input.config.writeBack.enabled) {
    const changes = [
      ...planCheckboxes({ desired: syncing, matched, baseline, onNotPlanned: input.config.writeBack.onNotPlanned }),
      ...(checklists?.changes ?? []),
    ];
    if (changes.length > 0) {
      const op: Operation = {
        kind: "write-checkboxes",
        key: trackingKey(path),
        path,
        changes,
        reason: "issues were closed or reopened",
      };
      return { path, operations: [op], refs: new Map(), unchanged: 0, blockedByErrors: false, held: heldIds };
    }
  }

  const keyOfNumber = new Map<number, string>();
  for (const [key, issue] of matched) keyOfNumber.set(issue.number, key);
  const links: LinkContext = {
    byNumber: new Map(observed.issues.map((i) => [i.number, i])),
    keyOfNumber,
    matched,
    blockedBy: observed.blockedBy,
    path,
    held: heldKeys,
  };
  let ops: Operation[] = [...labelOps];
  let unchanged = 0;
  const fields = doc ? planIssueFields(doc, syncing, matched, input.config, observed.fields) : undefined;
  const dispatch = doc
    ? planDispatch({
        doc,
        config: input.config,
        ctx: input.ctx,
        desired: fields?.desired ?? syncing,
        matched,
        readiness: prepared.readiness,
        heldKeys,
        observed: observed.dispatch ?? {},
        ...(input.redispatch ? { redispatch: input.redispatch } : {}),
      })
    : undefined;
  const withFields = dispatch?.desired ?? fields?.desired ?? syncing;
  for (const d of checklists ? keepPendingBoxes(withFields, checklists.pending) : withFields) {
    const issue = matched.get(d.key);
    let planned = planIssue(adoptedView(d, issue), issue, planInput, links);
    if (issue && input.adopting?.has(issue.number)) planned = takeOver(planned, issue, d.key);
    if (planned.length === 0) unchanged += 1;
    ops.push(...planned);
  }
  ops.push(...(fields?.operations ?? []), ...(dispatch?.operations ?? []));
  const warnings = [
    ...(fields?.warnings ?? []),
    ...(dispatch?.warnings ?? []),
    ...(input.adoptionDiagnostics ?? []).map((message) => ({ message })),
  ];
  const notes = [...(fields?.notes ?? []), ...(dispatch?.notes ?? [])];
  const waiting = waitingRemovals(held, unclaimed);
  for (const issue of unclaimed) if (!waiting.includes(issue)) ops.push(...planRemoved(issue, input));
  // One comment on the tracking issue: the errors, named with the tasks they hold back, and what
  // could not be applied as the list asks (unassignable logins, a milestone title someone holds).
  const heldComment =
    doc && heldKeys.size > 0
      ? renderDiagnosticsComment(
          doc,
          held,
          waiting.map((i) => ({ number: i.number, taskId: i.marker.kind === "task" ? i.marker.id : i.key })),
        )
      : undefined;
  const diagnostics = withFieldWarnings(heldComment, path, warnings);
  if (diagnostics !== undefined && trackingDesired)
    ops.push(...planDiagnosticsComment(trackingDesired.key, diagnostics, observed.diagnosticsComment));
  ops.push(...planDuplicates(duplicates, input.config.labels.tasksync.name));
  ops = inOrder(ops);

  // The tracking issue's body (with the reconciled blob sha) is written last, so a sync cut
  // off midway leaves the old baseline and the next run picks up where this one stopped.
  const tracking = trackingDesired ? matched.get(trackingDesired.key) : undefined;
  if (trackingDesired) {
    const taskKeys = new Set(desired.issues.filter((d) => d.kind === "task").map((d) => d.key));
    const states = plannedStatesDigest([...matched.values(), ...unclaimed], ops, new Set(), taskKeys);
    const recordedMarker = parseMarker(trackingDesired.body);
    const heldNow = heldRecord(held, doc, baseline, previousHeld);
    const written = [...matched.values()].filter((i) => !(input.adopting?.has(i.number) && heldKeys.has(i.key)));
    const adopted = adoptedRecord(recorded?.kind === "tracking" ? recorded.adopted : undefined, written);
    const record: Partial<TrackingMarker> = {
      states,
      ...(adopted === undefined ? {} : { adopted }),
      ...(diagnostics === undefined ? {} : { diag: diagnosticsHash(diagnostics) }),
      ...(heldNow === undefined ? {} : { held: heldNow }),
    };
    const finalBody =
      recordedMarker?.kind === "tracking"
        ? withMarker(trackingDesired.body, { ...recordedMarker, ...record })
        : trackingDesired.body;
    const hadDiagnostics = tracking?.marker.kind === "tracking" && tracking.marker.diag !== undefined;
    if (diagnostics === undefined && hadDiagnostics && observed.diagnosticsComment) {
      const resolved = renderDiagnosticsResolved(path);
      if (observed.diagnosticsComment.body !== resolved) {
        ops.push({
          kind: "update-comment",
          key: trackingDesired.key,
          commentId: observed.diagnosticsComment.id,
          body: resolved,
          reason: "the errors are fixed",
        });
      }
    }
    const changed = !tracking || tracking.body.replace(/\r\n/g, "\n") !== finalBody;
    if (changed) {
      ops.push({
        kind: "update-issue",
        key: trackingDesired.key,
        number: tracking?.number ?? null,
        body: finalBody,
        reason: "record progress and the reconciled version",
      });
    }
  }
  const refs = new Map<string, IssueRef>();
  for (const [key, issue] of matched) refs.set(key, { number: issue.number, id: issue.id, nodeId: issue.nodeId });
  for (const issue of unclaimed)
    refs.set(removedKey(issue), { number: issue.number, id: issue.id, nodeId: issue.nodeId });
  for (const { issue } of duplicates)
    refs.set(duplicateKey(issue), { number: issue.number, id: issue.id, nodeId: issue.nodeId });
  return {
    path,
    operations: ops,
    refs,
    unchanged,
    blockedByErrors: false,
    held: heldIds,
    ...(fields || warnings.length > 0 || notes.length > 0 ? { warnings, notes } : {}),
    ...(dispatch && dispatch.inProgress.length > 0 ? { inProgress: dispatch.inProgress } : {}),
    ...(dispatch && dispatch.commentReads.length > 0 ? { dispatchReads: dispatch.commentReads } : {}),
    ...(dispatch?.handsOut ? { handsOut: true } : {}),
    ...(input.adoptionDiagnostics?.length ? { adoptionDiagnostics: [...input.adoptionDiagnostics] } : {}),
  };
}

/** Sorts operations by kind (labels → issues → links → comments), keeping their order within a kind. */
function inOrder(ops: Operation[]): Operation[] {
  const rank = (op: Operation): number => OPERATION_ORDER.indexOf(op.kind);
  return ops
    .map((op, i) => ({ op, i }))
    .sort((a, b) => rank(a.op) - rank(b.op) || a.i - b.i)
    .map((x) => x.op);
}

/**
 * The existing issues whose actual blocked-by list observe must read before planning, because
 * the marker's record, the desired links and GitHub's count disagree.
 */
export function linkReadsNeeded(
  doc: TaskDocument | null,
  prepared: PreparedFile,
): Array<{ key: string; number: number }> {
  if (!doc || prepared.held.whole || !prepared.host.dependencies) return [];
  return prepared.desired.issues.flatMap((d) => {
    if (prepared.heldKeys.has(d.key)) return []; // a held task's links are left as they are
    const issue = prepared.matched.get(d.key);
    return issue && needsLinkRead(d, issue) ? [{ key: d.key, number: issue.number }] : [];
  });
}
