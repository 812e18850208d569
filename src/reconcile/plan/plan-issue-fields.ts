/**
 * Milestones, assignees and issue types: desired against observed → operations, warnings and
 * info notes. Pure. Nothing here is planned unless its observation was made (ObservedFields).
 *
 * - Milestones: tasksync creates and renames only its own (milestone-marker.ts); an issue is
 *   moved into its phase's or story's milestone when it has none or one of tasksync's, and left
 *   in a milestone someone else made.
 * - Assignees, three-way per login: base = the logins the task's marker recorded, ours = the
 *   line's assignable logins, theirs = the issue's assignees. A login the line gained is added, a
 *   login it lost is removed, and everything else a person did on GitHub is kept.
 * - Types: an issue without a type gets `issues.type` (tasks) or `issues.featureType` (tracking)
 *   when the organisation has it; a type a person chose is kept.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import type { ObservedFields, ObservedMilestone } from "../observe/observed.js";
import type { FieldWarning } from "../model/findings.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { DesiredIssue } from "../model/desired.js";
import { desiredMilestones } from "../desired/desired-milestones.js";
import { parseMarker, replaceMarker } from "../../identity/marker.js";
import { milestoneKey, ownMilestones } from "../../identity/milestone-marker.js";
import type { Operation } from "../operations.js";

export interface FieldsPlan {
  /** The desired issues, task markers carrying the assignees base to record. */
  desired: DesiredIssue[];
  operations: Operation[];
  warnings: FieldWarning[];
  /** Things worth an info log line, not a warning (a configured type the organisation lacks). */
  notes: string[];
}

const lower = (s: string): string => s.toLowerCase();
const has = (list: string[], login: string): boolean => list.some((l) => lower(l) === lower(login));

/** The issue's assignees after the three-way rule; undefined when they stay as they are. */
export function mergeAssignees(base: string[], ours: string[], theirs: string[]): string[] | undefined {
  const added = ours.filter((l) => !has(base, l));
  const removed = base.filter((l) => !has(ours, l));
  const result = [...theirs.filter((l) => !has(removed, l)), ...added.filter((l) => !has(theirs, l))].slice(
    0,
    GITHUB_LIMITS.assigneesPerIssue,
  );
  const same = result.length === theirs.length && result.every((l) => has(theirs, l));
  return same ? undefined : result;
}

/** A milestone title no other milestone holds (GitHub refuses duplicates): the heading, else with the feature. */
function freeTitle(title: string, featureId: string, taken: Set<string>): string {
  const candidates = [title, `${title} (${featureId})`];
  for (let n = 2; candidates.length < 50; n += 1) candidates.push(`${title} (${featureId}, ${n})`);
  const chosen = candidates.find((c) => !taken.has(lower(c))) ?? (candidates[candidates.length - 1] as string);
  taken.add(lower(chosen));
  return chosen;
}

interface MilestonePlacement {
  /** The milestone each task's issue belongs in, by task id. */
  byTask: Map<string, { key: string; number: number | null }>;
  /** Numbers of every milestone tasksync made (any list's): an issue may leave one for the right one. */
  ownNumbers: Set<number>;
}

function planMilestones(
  doc: TaskDocument,
  mode: TasksyncConfig["milestones"],
  observed: ObservedFields,
  ops: Operation[],
  warnings: FieldWarning[],
): MilestonePlacement {
  const byTask = new Map<string, { key: string; number: number | null }>();
  if (observed.milestones === null) return { byTask, ownNumbers: new Set() };
  const wanted = desiredMilestones(doc, mode);
  const own = ownMilestones(observed.milestones, observed.author);
  const ownNumbers = new Set([...own.values()].map((m) => m.number));
  const wantedKeys = new Set(wanted.map((w) => w.key));
  // Titles held by milestones that are not about to take a desired title of their own.
  const taken = new Set(
    observed.milestones
      .filter((m) => ![...own.entries()].some(([key, o]) => o.number === m.number && wantedKeys.has(key)))
      .map((m) => lower(m.title)),
  );
  for (const w of wanted) {
    const mine = own.get(w.key);
    const title = freeTitle(w.title, doc.feature.id, taken);
    if (title !== w.title) {
      const holder = observed.milestones.find((m) => lower(m.title) === lower(w.title) && !ownNumbers.has(m.number));
      if (holder)
        warnings.push({
          message: `a milestone tasksync did not make is already titled "${w.title}": tasksync's is titled "${title}"`,
        });
    }
    if (!mine) {
      ops.push({
        kind: "ensure-milestone",
        key: w.key,
        title,
        description: w.description,
        number: null,
        reason: "no milestone yet",
      });
    } else if (mine.title !== title || mine.description.replace(/\r\n/g, "\n") !== w.description) {
      ops.push({
        kind: "ensure-milestone",
        key: w.key,
        title,
        description: w.description,
        number: mine.number,
        reason: "its title changed",
      });
    }
    for (const id of w.taskIds) byTask.set(id, { key: w.key, number: mine?.number ?? null });
  }
  // This list's own milestones whose phase or story left it are closed (never deleted: their
  // issues stay in them). A closed one is left closed, whoever closed it.
  const listPrefix = milestoneKey(doc.path, "");
  for (const [key, m] of own) {
    if (!key.startsWith(listPrefix) || wantedKeys.has(key) || m.state !== "open") continue;
    ops.push({
      kind: "ensure-milestone",
      key,
      title: m.title,
      description: m.description,
      number: m.number,
      state: "closed",
      reason: "its phase or story left the task list",
    });
  }
  return { byTask, ownNumbers };
}

/** The task marker of a desired body, recording `assignees` as the base for the next reconcile. */
function withAssigneeBase(d: DesiredIssue, assignees: string[]): DesiredIssue {
  const marker = parseMarker(d.body);
  if (marker?.kind !== "task") return d;
  const { assignees: _old, ...rest } = marker;
  const next = assignees.length > 0 ? { ...rest, assignees } : rest;
  return { ...d, body: replaceMarker(d.body, next) };
}

export function planIssueFields(
  doc: TaskDocument,
  desired: DesiredIssue[],
  matched: Map<string, TrackedIssue>,
  config: TasksyncConfig,
  observed: ObservedFields | undefined,
): FieldsPlan {
  const operations: Operation[] = [];
  const warnings: FieldWarning[] = [];
  const notes: string[] = [];
  if (!observed) return { desired, operations, warnings, notes };
  const milestones = planMilestones(doc, config.milestones, observed, operations, warnings);
  const typeNamed = (name: string | null): string | undefined => {
    if (name === null || observed.issueTypes === null) return undefined;
    const found = observed.issueTypes.find((t) => lower(t) === lower(name));
    if (!found) notes.push(`the organisation has no issue type "${name}": issues are left without one`);
    return found;
  };
  const taskType = typeNamed(config.issues.type);
  const featureType = typeNamed(config.issues.featureType);

  const out = desired.map((d) => {
    const issue = matched.get(d.key);
    const fields: { milestone?: { key: string; number: number | null }; assignees?: string[]; type?: string } = {};
    const reasons: string[] = [];
    const type = d.kind === "task" ? taskType : d.kind === "tracking" ? featureType : undefined;
    if (type !== undefined && (issue?.typeName ?? null) === null) {
      fields.type = type;
      reasons.push(`issue type ${type}`);
    }
    let next = d;
    const task = d.task;
    if (task) {
      const wantMilestone = milestones.byTask.get(task.id);
      const current = issue?.milestoneNumber ?? null;
      const movable = current === null || milestones.ownNumbers.has(current);
      if (wantMilestone && (wantMilestone.number === null || wantMilestone.number !== current) && movable) {
        fields.milestone = wantMilestone;
        reasons.push("its phase's or story's milestone");
      }
      const ours: string[] = [];
      for (const login of task.assignees) {
        if (observed.assignable.get(lower(login)) === true) ours.push(login);
        else
          warnings.push({
            line: task.line,
            message: `@${login} cannot be assigned in this repository: ${task.id}'s issue is left without them`,
          });
      }
      const marker = issue?.marker.kind === "task" ? issue.marker : undefined;
      const assignees = mergeAssignees(marker?.assignees ?? [], ours, issue?.assignees ?? []);
      if (assignees !== undefined) {
        fields.assignees = assignees;
        reasons.push("the line's @logins changed");
      }
      next = withAssigneeBase(d, ours);
    }
    if (reasons.length > 0) {
      operations.push({
        kind: "set-issue-fields",
        key: d.key,
        number: issue?.number ?? null,
        ...fields,
        reason: reasons.join("; "),
      });
    }
    if (!issue && next !== d && next.body !== d.body) {
      // A new issue records the assignees base only once they are set: created without it, then
      // its body follows the fields (update-issue runs after set-issue-fields). A sync cut off
      // in between assigns them again next time instead of taking them as a person's removal.
      operations.push({
        kind: "update-issue",
        key: d.key,
        number: null,
        body: next.body,
        reason: "record the assignees applied",
      });
      return d;
    }
    return next;
  });
  return { desired: out, operations, warnings, notes };
}
