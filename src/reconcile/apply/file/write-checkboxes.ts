/**
 * How apply carries out a plan's `write-checkboxes`: one commit changing exactly those checkbox
 * characters on the default branch; when the branch refuses it, the changes wait in the ticks pull
 * request; what could not be written is said once on the issue concerned.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../../github/client.js";
import { statusOf } from "../../../github/client.js";
import type { AppliedTicks } from "./apply-ticks.js";
import { commentOnce } from "./comment-once.js";
import type { CheckboxChange } from "../../checkbox-change.js";
import { writeTicksPullRequest } from "./ticks-pull-request.js";
import { missingTaskComment, permissionComment, pullRequestComment } from "./write-back-comments.js";
import { NEEDED_PERMISSION } from "./write-refusal.js";
import { writeTicks } from "./write-ticks.js";

export type FileWrite =
  /** Committed: the reconcile plans the issues again at this commit, whose list is `text`. */
  | { kind: "committed"; commitSha: string; blobSha: string; text: string }
  /** Nothing to write: the file already says what the issues say. */
  | { kind: "unchanged" }
  /** Not on the default branch (a pull request carries it, or a permission is missing, or the file is gone): the list's sync stops here this time. */
  | { kind: "held"; why: string };

export interface WriteCheckboxesRequest {
  gh: GitHubClient;
  repo: RepoRef;
  branch: string;
  path: string;
  changes: readonly CheckboxChange[];
  log: Logger;
  retryBaseMs?: number;
}

/** Comments on an issue without failing the reconcile when the installation may not comment. */
async function tellIssue(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  comment: { name: string; body: string },
  log: Logger,
): Promise<void> {
  try {
    await commentOnce(gh, repo, issueNumber, comment.name, comment.body);
  } catch (error) {
    if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
    log.warn({ issue: issueNumber, status: statusOf(error) }, "could not comment on the issue");
  }
}

async function reportMissing(request: WriteCheckboxesRequest, applied: AppliedTicks): Promise<void> {
  const { gh, repo, path, log } = request;
  for (const missing of applied.missing) {
    log.info(
      { task: missing.taskId, issue: missing.issueNumber, reason: missing.reason },
      "task not found in its task list: nothing written for it",
    );
    await tellIssue(gh, repo, missing.issueNumber, missingTaskComment(path, missing, missing.reason), log);
  }
}

async function reportNoPermission(
  request: WriteCheckboxesRequest,
  changes: readonly CheckboxChange[],
  permission: string,
  message: string,
): Promise<void> {
  const { gh, repo, path, log } = request;
  log.error(
    { permission, message, tasks: changes.map((c) => c.taskId) },
    "cannot write back: the app lacks a permission",
  );
  for (const change of changes)
    await tellIssue(gh, repo, change.issueNumber, permissionComment(path, change, permission), log);
}

export async function writeCheckboxes(request: WriteCheckboxesRequest): Promise<FileWrite> {
  const { gh, repo, path, branch, changes, log } = request;
  const retry = request.retryBaseMs === undefined ? {} : { retryBaseMs: request.retryBaseMs };
  const result = await writeTicks({ gh, repo, path, branch, changes, log, ...retry });
  switch (result.kind) {
    case "gone":
      return { kind: "held", why: "the task list no longer exists" };
    case "unchanged":
      await reportMissing(request, result.applied);
      return { kind: "unchanged" };
    case "committed":
      log.info(
        {
          commit: result.commitSha,
          ticked: result.applied.ticked,
          unticked: result.applied.unticked,
          raced: result.raced,
        },
        "wrote checkboxes back to the task list",
      );
      await reportMissing(request, result.applied);
      return { kind: "committed", commitSha: result.commitSha, blobSha: result.blobSha, text: result.applied.text };
    case "refused":
      await reportMissing(request, result.applied);
      if (result.refusal === "no-permission") {
        await reportNoPermission(request, result.applied.changed, NEEDED_PERMISSION.contents, result.message);
        return { kind: "held", why: "no permission to write the file" };
      }
      log.info(
        { branch, message: result.message },
        "default branch refused the commit: carrying the ticks in a pull request",
      );
      return fallBackToPullRequest(request, result.applied.changed);
  }
}

async function fallBackToPullRequest(
  request: WriteCheckboxesRequest,
  changes: readonly CheckboxChange[],
): Promise<FileWrite> {
  const { gh, repo, branch, path, log } = request;
  const retry = request.retryBaseMs === undefined ? {} : { retryBaseMs: request.retryBaseMs };
  const pr = await writeTicksPullRequest({ gh, repo, defaultBranch: branch, path, changes, log, ...retry });
  switch (pr.kind) {
    case "gone":
    case "unchanged":
      log.info({ outcome: pr.kind }, "nothing to carry in the ticks pull request");
      return { kind: "held", why: "the default branch refused the commit" };
    case "refused":
      if (pr.refusal === "no-permission") await reportNoPermission(request, changes, pr.permission, pr.message);
      else log.error({ message: pr.message }, "the ticks branch refused the commit too: nothing written back");
      return { kind: "held", why: "the default branch and the ticks branch refused the commit" };
    case "pull-request":
      log.info(
        { pull: pr.pull.number, opened: pr.opened, tasks: changes.map((c) => c.taskId) },
        "ticks carried in the pull request",
      );
      for (const change of changes)
        await tellIssue(gh, repo, change.issueNumber, pullRequestComment(path, change, branch, pr.pull), log);
      return { kind: "held", why: "the ticks wait in a pull request" };
  }
}
