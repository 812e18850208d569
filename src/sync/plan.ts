/**
 * The planner: desired state (from the task list and config) against what GitHub holds →
 * a list of operations. Pure: no I/O. An empty plan means in sync.
 */
import type { TasksyncConfig } from "../config/schema.js";
import type { TrackedIssue } from "../github/tracked-issues.js";
import { hasErrors, type TaskDocument } from "../tasks/model.js";
import { desiredState, type DesiredIssue, type DesiredState } from "./desired.js";
import { duplicateKey, planDuplicates, splitDuplicates, type Duplicate } from "./duplicates.js";
import { plannedStatesDigest } from "./issue-states.js";
import { parseMarker, renderMarker, trackingKey, type Marker } from "./marker.js";
import { fitBody } from "./fit-body.js";
import { matchIssues } from "./match-issues.js";
import { planCheckboxes } from "./plan-checkboxes.js";
import { checklistSeen, keepPendingBoxes, planPhaseChecklists } from "./plan-phase-checklists.js";
import { supersededByPhase } from "./granularity-switch.js";
import { OPERATION_ORDER, type Operation } from "./operations.js";
import { fieldChanges } from "./plan-fields.js";
import { planLabels, type ObservedLabel } from "./plan-labels.js";
import { needsLinkRead, planBlockedBy, planParent, type LinkContext, type LinkedIssue } from "./plan-links.js";
import { rollupStateChange, taskStateChange } from "./plan-state.js";
import { diagnosticsHash, renderDiagnosticsComment, renderDiagnosticsResolved } from "./render-diagnostics.js";
import type { RepoContext } from "./repo-context.js";
import { FULL_HOST, forHost, type PlanHost } from "./host-sections.js";

export interface FileObservation {
  /** Every tracked issue in the repository (the planner picks this file's). */
  issues: TrackedIssue[];
  /** Labels in the repository, by lower-cased name. */
  labels: Map<string, ObservedLabel>;
  /** Actual blocked-by lists read for some issues, by desired key. */
  blockedBy: Map<string, LinkedIssue[]>;
  /** The diagnostics comment on the tracking issue, when observe read the comments; null when there is none. */
  diagnosticsComment?: { id: number; body: string } | null;
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
}

export interface Plan {
  path: string;
  /** In the order they must run: labels, issues, links, comments, then the tracking issue's record. */
  operations: Operation[];
  /** Number and database id of every existing issue an operation names, by key. */
  refs: Map<string, IssueRef>;
  /** Issues that were already right. */
  unchanged: number;
  /** Set when the list has errors and only its diagnostics were planned. */
  blockedByErrors: boolean;
}

/** The body with its marker replaced, still within GitHub's size limit. */
const withMarker = (body: string, marker: Marker): string => fitBody(body.replace(/<!-- tasksync:v1 \{.*?\} -->/, renderMarker(marker)));

function planIssue(d: DesiredIssue, issue: TrackedIssue | undefined, input: PlanInput, links: LinkContext): Operation[] {
  const ops: Operation[] = [];
  const state = d.kind === "task" ? taskStateChange(d, issue, input.baseline) : rollupStateChange(d, issue);
  if (!issue) {
    // A new tracking issue records no baseline until the whole plan has applied (see planFile).
    const body = d.kind === "tracking" ? withMarker(d.body, { kind: "tracking", path: input.path }) : d.body;
    ops.push({ kind: "create-issue", key: d.key, title: d.title, body, labels: d.labels, reason: "no issue yet" });
    if (state?.state === "closed") {
      ops.push({ kind: "update-issue", key: d.key, number: null, state: "closed", stateReason: state.stateReason, reason: state.why });
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

function planRemoved(issue: TrackedIssue, input: PlanInput): Operation[] {
  const m = issue.marker;
  if (issue.state === "closed" || (m.kind === "task" && m.removed)) return [];
  if (m.kind !== "task") {
    return [{ kind: "update-issue", key: issue.key, number: issue.number, state: "closed", stateReason: "not_planned", reason: "its phase left the task list" }];
  }
  const superseded = supersededByPhase(issue, input);
  if (superseded) return superseded;
  if (input.config.issues.onRemoved === "leave-open") return [];
  return [
    {
      kind: "update-issue",
      key: issue.key,
      number: issue.number,
      body: withMarker(issue.body, { ...m, removed: true }),
      state: "closed",
      stateReason: "not_planned",
      reason: "the task left the task list",
    },
    {
      kind: "comment",
      key: issue.key,
      body: `Task ${m.id} was removed from \`${m.path}\` in ${input.commitSha}, so this issue is closed as not planned. It reopens if the task comes back.`,
      reason: "say why it closed",
    },
  ];
}

function planDiagnostics(doc: TaskDocument, input: PlanInput, tracking: TrackedIssue | undefined, trackingDesired: DesiredIssue): Operation[] {
  const ops: Operation[] = [];
  const hash = diagnosticsHash(doc);
  const previous = tracking?.marker.kind === "tracking" ? tracking.marker : undefined;
  const marker: Marker = { kind: "tracking", path: input.path, ...(previous?.sha ? { sha: previous.sha } : {}), diag: hash };
  if (!tracking) {
    ops.push({ kind: "create-issue", key: trackingDesired.key, title: trackingDesired.title, body: withMarker(trackingDesired.body, marker), labels: trackingDesired.labels, reason: "the diagnostics need a home" });
  } else if (previous?.diag !== hash) {
    ops.push({ kind: "update-issue", key: tracking.key, number: tracking.number, body: withMarker(tracking.body, marker), reason: "record the diagnostics posted" });
  }
  const body = renderDiagnosticsComment(doc);
  const existing = input.observed.diagnosticsComment;
  if (!existing) ops.push({ kind: "comment", key: trackingDesired.key, body, reason: "the task list has errors" });
  else if (existing.body !== body) ops.push({ kind: "update-comment", key: trackingDesired.key, commentId: existing.id, body, reason: "the errors changed" });
  return ops;
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
}

export function prepareFile(input: Omit<PlanInput, "observed"> & { observed: Pick<FileObservation, "issues"> }): PreparedFile {
  const { doc } = input;
  const { kept: mine, duplicates } = splitDuplicates(input.observed.issues.filter((i) => i.marker.path === input.path));
  const desired = doc ? desiredState(doc, input.config, input.ctx, input.blobSha) : { issues: [], labels: [] };
  const host = input.host ?? FULL_HOST;
  const { matched, unclaimed } = matchIssues(desired.issues, mine);
  const issues = forHost(desired.issues, host, (key) => matched.get(key)?.number);
  return { desired: { ...desired, issues }, mine, duplicates, matched, unclaimed, host };
}

export function planFile(input: PlanInput, prepared: PreparedFile = prepareFile(input)): Plan {
  const { path, doc, observed } = input;
  const { desired, mine, matched, unclaimed, duplicates } = prepared;
  const trackingDesired = desired.issues.find((d) => d.kind === "tracking");
  const labelOps = planLabels(desired.labels, observed.labels);

  // The file follows its issues first: one commit, then the reconcile plans again at it.
  const checklists = doc && !hasErrors(doc) ? planPhaseChecklists({ desired: desired.issues, matched, doc, baseline: input.baseline, ...(input.distrustedChecklists ? { distrusted: input.distrustedChecklists } : {}) }) : null;
  if (doc && !hasErrors(doc) && input.config.writeBack.enabled) {
    const changes = [...planCheckboxes({ desired: desired.issues, matched, baseline: input.baseline, onNotPlanned: input.config.writeBack.onNotPlanned }), ...(checklists?.changes ?? [])];
    if (changes.length > 0) {
      const op: Operation = { kind: "write-checkboxes", key: trackingKey(path), path, changes, reason: "issues were closed or reopened" };
      return { path, operations: [op], refs: new Map(), unchanged: 0, blockedByErrors: false };
    }
  }

  if (doc && trackingDesired && hasErrors(doc)) {
    const tracking = mine.find((i) => i.key === trackingKey(path));
    const ops = [...(tracking ? [] : planLabels(desired.labels.slice(0, 2), observed.labels)), ...planDiagnostics(doc, input, tracking, trackingDesired)];
    const refs = new Map(tracking ? [[tracking.key, { number: tracking.number, id: tracking.id }]] : []);
    return { path, operations: ops, refs, unchanged: 0, blockedByErrors: true };
  }

  const keyOfNumber = new Map<number, string>();
  for (const [key, issue] of matched) keyOfNumber.set(issue.number, key);
  const links: LinkContext = {
    byNumber: new Map(observed.issues.map((i) => [i.number, i])),
    keyOfNumber,
    matched,
    blockedBy: observed.blockedBy,
    path,
  };
  let ops: Operation[] = [...labelOps];
  let unchanged = 0;
  for (const d of checklists ? keepPendingBoxes(desired.issues, checklists.pending) : desired.issues) {
    const planned = planIssue(d, matched.get(d.key), input, links);
    if (planned.length === 0) unchanged += 1;
    ops.push(...planned);
  }
  for (const issue of unclaimed) ops.push(...planRemoved(issue, input));
  ops.push(...planDuplicates(duplicates, input.config.labels.tasksync.name));
  ops = inOrder(ops);

  // The tracking issue's body (with the reconciled blob sha) is written last, so a sync cut
  // off midway leaves the old baseline and the next run picks up where this one stopped.
  const tracking = trackingDesired ? matched.get(trackingDesired.key) : undefined;
  if (trackingDesired) {
    const taskKeys = new Set(desired.issues.filter((d) => d.kind === "task").map((d) => d.key));
    const states = plannedStatesDigest([...matched.values(), ...unclaimed], ops, new Set(), taskKeys);
    const recordedMarker = parseMarker(trackingDesired.body);
    const finalBody = recordedMarker?.kind === "tracking" ? withMarker(trackingDesired.body, { ...recordedMarker, states }) : trackingDesired.body;
    const hadDiagnostics = tracking?.marker.kind === "tracking" && tracking.marker.diag !== undefined;
    if (hadDiagnostics && observed.diagnosticsComment) {
      const resolved = renderDiagnosticsResolved(path);
      if (observed.diagnosticsComment.body !== resolved) {
        ops.push({ kind: "update-comment", key: trackingDesired.key, commentId: observed.diagnosticsComment.id, body: resolved, reason: "the errors are fixed" });
      }
    }
    const changed = !tracking || tracking.body.replace(/\r\n/g, "\n") !== finalBody;
    if (changed) {
      ops.push({ kind: "update-issue", key: trackingDesired.key, number: tracking?.number ?? null, body: finalBody, reason: "record progress and the reconciled version" });
    }
  }
  const refs = new Map<string, IssueRef>();
  for (const [key, issue] of matched) refs.set(key, { number: issue.number, id: issue.id, nodeId: issue.nodeId });
  for (const issue of unclaimed) refs.set(issue.key, { number: issue.number, id: issue.id, nodeId: issue.nodeId });
  for (const { issue } of duplicates) refs.set(duplicateKey(issue), { number: issue.number, id: issue.id, nodeId: issue.nodeId });
  return { path, operations: ops, refs, unchanged, blockedByErrors: false };
}

/** Sorts operations by kind (labels → issues → links → comments), keeping their order within a kind. */
function inOrder(ops: Operation[]): Operation[] {
  const rank = (op: Operation): number => OPERATION_ORDER.indexOf(op.kind);
  return ops.map((op, i) => ({ op, i })).sort((a, b) => rank(a.op) - rank(b.op) || a.i - b.i).map((x) => x.op);
}

/**
 * The existing issues whose actual blocked-by list observe must read before planning, because
 * the marker's record, the desired links and GitHub's count disagree.
 */
export function linkReadsNeeded(doc: TaskDocument | null, prepared: PreparedFile): Array<{ key: string; number: number }> {
  if (!doc || hasErrors(doc) || !prepared.host.dependencies) return [];
  return prepared.desired.issues.flatMap((d) => {
    const issue = prepared.matched.get(d.key);
    return issue && needsLinkRead(d, issue) ? [{ key: d.key, number: issue.number }] : [];
  });
}
