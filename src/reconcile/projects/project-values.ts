/**
 * What each of a task list's issues should show in the project (pure): Task ID, Phase, Story,
 * Priority, Parallel, and a Status — Done when its issue is closed or its task settled, In
 * Progress while an open pull request will close it, Ready when every blocker is settled
 * (ready-tasks.ts), Todo otherwise. A phase or feature issue takes the furthest state of its tasks.
 */
import type { IssueProjectState } from "./project-read.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Task, TaskDocument } from "../../tasks/model.js";
import { phaseKey, taskKey, trackingKey } from "../../identity/marker.js";
import { phaseSlots } from "../desired/phase-slots.js";
import type { ProjectStatus, ProjectValues } from "./project-fields.js";
import { isSettled, taskReadiness } from "../../tasks/graph/readiness.js";

export interface DesiredItem {
  key: string;
  /** The issue's node id (what addProjectV2ItemById takes). */
  nodeId: string;
  /** The values to keep (null: no value); a field left out is left alone. */
  values: Partial<ProjectValues>;
}

const EMPTY: ProjectValues = {
  "Task ID": null,
  Phase: null,
  Story: null,
  Priority: null,
  Parallel: null,
  Status: null,
};

/** The furthest state of a group of tasks: all done → Done; any started or done → In Progress; any ready → Ready. */
function rollup(statuses: ProjectStatus[]): ProjectStatus {
  if (statuses.length > 0 && statuses.every((s) => s === "Done")) return "Done";
  if (statuses.some((s) => s === "Done" || s === "In Progress")) return "In Progress";
  return statuses.includes("Ready") ? "Ready" : "Todo";
}

export function desiredProjectItems(
  path: string,
  doc: TaskDocument | null,
  issues: readonly TrackedIssue[],
  states: ReadonlyMap<string, IssueProjectState>,
): DesiredItem[] {
  const mine = issues.filter((i) => i.marker.path === path);
  const byKey = new Map(mine.map((i) => [i.key, i]));
  const stateOf = (issue: TrackedIssue | undefined): IssueProjectState | undefined =>
    issue ? states.get(issue.nodeId) : undefined;
  const closed = (issue: TrackedIssue | undefined): boolean => (stateOf(issue)?.state ?? issue?.state) === "closed";
  const pulls = (issue: TrackedIssue | undefined): boolean => (stateOf(issue)?.openPullRequests ?? 0) > 0;
  const wanted = new Map<string, ProjectValues>();

  if (doc) {
    const isDone = (task: Task): boolean => isSettled(task) || closed(byKey.get(taskKey(path, task.id)));
    const readiness = taskReadiness(doc, isDone);
    const statusOf = new Map<string, ProjectStatus>();
    for (const task of doc.tasks) {
      const issue = byKey.get(taskKey(path, task.id));
      const ready = readiness.get(task.id);
      const status: ProjectStatus =
        ready === "done" ? "Done" : pulls(issue) ? "In Progress" : ready === "ready" ? "Ready" : "Todo";
      statusOf.set(task.id, status);
      const phase = task.phaseIndex === null ? undefined : doc.phases[task.phaseIndex];
      wanted.set(taskKey(path, task.id), {
        "Task ID": task.id,
        Phase: phase?.heading ?? null,
        Story: task.story,
        Priority: phase?.priority ?? null,
        Parallel: task.parallel ? "Yes" : "No",
        Status: status,
      });
    }
    const group = (key: string, ids: readonly string[]): ProjectStatus => {
      const issue = byKey.get(key);
      if (closed(issue)) return "Done";
      const status = rollup(ids.flatMap((id) => statusOf.get(id) ?? []));
      return status !== "Done" && pulls(issue) ? "In Progress" : status;
    };
    for (const slot of phaseSlots(doc)) {
      const key = phaseKey(path, slot.key);
      wanted.set(key, {
        ...EMPTY,
        Phase: slot.phase.heading,
        Story: slot.phase.story,
        Priority: slot.phase.priority,
        Status: group(key, slot.taskIds),
      });
    }
    wanted.set(trackingKey(path), {
      ...EMPTY,
      Status: group(
        trackingKey(path),
        doc.tasks.map((t) => t.id),
      ),
    });
  }

  return mine.map((issue) => {
    const values = wanted.get(issue.key);
    // An issue its list no longer wants (a removed task, a deleted list): only its Status is kept current.
    const status: ProjectStatus = closed(issue) ? "Done" : ((values?.Status as ProjectStatus | null) ?? "Todo");
    return {
      key: issue.key,
      nodeId: issue.nodeId,
      values: values ? { ...values, Status: status } : { Status: status },
    };
  });
}
