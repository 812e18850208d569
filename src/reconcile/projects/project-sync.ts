/**
 * The GitHub Projects step of a reconcile (config `project`), after the issues are synced:
 * observe the project and tasksync's items in it, plan (project-plan.ts, pure), apply
 * (project-apply.ts). A project GitHub will not show or change is said on the tracking issues
 * (a notice planned by {@link planProjectNotices}, written by {@link applyProjectPlan}) and in
 * the log; it never fails the sync of the issues. Not run at all without `project`.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import type { ContentBudget } from "../../github/pacing-budget.js";
import { UNLIMITED_BUDGET } from "../../github/pacing-budget.js";
import { graphqlErrorOf, readIssueItems, readProject } from "./project-read.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import { trackingKey } from "../../identity/marker.js";
import { PacedWrites } from "../apply/paced-writes.js";
import { applyProjectPlan } from "./project-apply.js";
import { planProjectNotices, readProjectNotices, renderProjectNotice, unreachableNote } from "./project-notice.js";
import { describeProjectOperation, planProject, type ProjectOperation } from "./project-plan.js";
import { desiredProjectItems } from "./project-values.js";

export interface ProjectSyncRequest {
  gh: GitHubClient;
  repo: RepoRef;
  /** `<owner>/<number>` from the config. */
  project: string;
  /** Every task list of the reconcile (null doc: deleted), up to date or not. */
  lists: ReadonlyArray<{ path: string; doc: TaskDocument | null }>;
  /** tasksync's issues as they are after the issues were synced. */
  issues: readonly TrackedIssue[];
  dryRun: boolean;
  pauseMs: number;
  budget?: ContentBudget;
  log: Logger;
}

export interface ProjectSyncResult {
  /** synced: the project follows; unreachable: GitHub would not show it; refused: GitHub refused a change. */
  kind: "synced" | "unreachable" | "refused";
  operations: ProjectOperation[];
  notes: string[];
  writes: number;
}

export async function syncProject(request: ProjectSyncRequest): Promise<ProjectSyncResult> {
  const { gh, log, project: ref } = request;
  const writes = new PacedWrites(request.budget ?? UNLIMITED_BUDGET, request.repo.owner, log);
  const paths = new Set(request.lists.map((l) => l.path));
  const issues = request.issues.filter((i) => paths.has(i.marker.path));
  const tell = async (
    kind: ProjectSyncResult["kind"],
    notes: string[],
    operations: ProjectOperation[] = [],
  ): Promise<ProjectSyncResult> => {
    for (const note of notes) log.warn({ project: ref, note }, "GitHub Project: something needs the user's attention");
    if (notes.length > 0 && !request.dryRun) {
      const tracking = issues.filter((i) => i.key === trackingKey(i.marker.path));
      const notices = planProjectNotices(
        await readProjectNotices(gh, request.repo, tracking),
        renderProjectNotice(ref, notes),
      );
      await applyProjectPlan(notices, {
        gh,
        repo: request.repo,
        project: null, // a notice needs no project: it is written whether the project could be read or not
        observed: new Map(),
        writes,
        pauseMs: request.pauseMs,
        log,
      });
    }
    return { kind, operations, notes, writes: writes.sent };
  };

  const access = await readProject(gh, ref);
  if (!access.ok) return tell("unreachable", [unreachableNote(ref, access)]);
  const { project } = access;
  let operations: ProjectOperation[] = [];
  try {
    const states = await readIssueItems(
      gh,
      project.id,
      issues.map((i) => i.nodeId),
    );
    const desired = request.lists.flatMap((l) => desiredProjectItems(l.path, l.doc, issues, states));
    const plan = planProject(project, desired, states);
    operations = plan.operations;
    log.info({ project: ref, operations: operations.length, unchanged: plan.unchanged }, "planned the project");
    if (request.dryRun) {
      for (const op of operations)
        log.info({ op: op.kind, reason: op.reason }, `would ${describeProjectOperation(op)}`);
      return tell("synced", plan.notes, operations);
    }
    await applyProjectPlan(operations, {
      gh,
      repo: request.repo,
      project,
      observed: states,
      writes,
      pauseMs: request.pauseMs,
      log,
    });
    return tell("synced", plan.notes, operations);
  } catch (error) {
    const refusal = graphqlErrorOf(error);
    if (!refusal) throw error;
    const note =
      `GitHub refused a change to the project \`${ref}\` (${refusal.message}). ` +
      'tasksync needs the organization permission "Projects: Read and write" (accepted by the organization) to keep the project.';
    return tell("refused", [note], operations);
  }
}
