/**
 * When the default branch refuses tasksync's commit (branch protection or a ruleset), the
 * ticks go to one branch, `tasksync/ticks`, and one open pull request from it into the default
 * branch carries every pending tick until someone merges it.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../../github/client.js";
import { messageOf, statusOf } from "../../../github/client.js";
import type { CheckboxChange } from "../../checkbox-change.js";
import { writeTicks, type WriteTicksResult } from "./write-ticks.js";
import { NEEDED_PERMISSION, writeRefusal } from "./write-refusal.js";

export const TICKS_BRANCH = "tasksync/ticks";

export interface PullRef {
  number: number;
  htmlUrl: string;
}

export type TicksPullResult =
  /** The ticks are on the branch and a pull request carries them. */
  | { kind: "pull-request"; pull: PullRef; opened: boolean; write: WriteTicksResult }
  /** Nothing to carry: the default branch already says what the issues say. */
  | { kind: "unchanged" }
  | { kind: "gone" }
  /** `permission`: what the installation lacks, for a "no-permission" refusal. */
  | { kind: "refused"; refusal: "protected" | "no-permission"; message: string; permission: string };

export interface TicksPullRequest {
  gh: GitHubClient;
  repo: RepoRef;
  defaultBranch: string;
  path: string;
  changes: readonly CheckboxChange[];
  log: Logger;
  retryBaseMs?: number;
}

const PULL_TITLE = "tasksync: task list checkboxes from closed and reopened issues";
const pullBody = (defaultBranch: string): string =>
  [
    `Issues that tasksync tracks were closed or reopened, but \`${defaultBranch}\` refused tasksync's commit`,
    "(branch protection or a ruleset). This pull request carries the checkbox changes; merging it brings",
    "the task lists up to date. While it is open, further changes are added to it.",
  ].join("\n");

async function refSha(gh: GitHubClient, repo: RepoRef, branch: string): Promise<string | null> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

async function findOpenPull(gh: GitHubClient, repo: RepoRef, defaultBranch: string): Promise<PullRef | null> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/pulls", {
    ...repo,
    head: `${repo.owner}:${TICKS_BRANCH}`,
    base: defaultBranch,
    state: "open",
  });
  const pull = data[0];
  return pull ? { number: pull.number, htmlUrl: pull.html_url } : null;
}

/** Puts the ticks branch where the ticks should go: created from, or reset to, the default branch head unless a pull request is open on it. */
async function prepareBranch(
  gh: GitHubClient,
  repo: RepoRef,
  defaultBranch: string,
  pullOpen: boolean,
  log: Logger,
): Promise<void> {
  const current = await refSha(gh, repo, TICKS_BRANCH);
  if (current !== null && pullOpen) return;
  const base = await refSha(gh, repo, defaultBranch);
  if (base === null) throw new Error(`default branch ${defaultBranch} not found`);
  if (current === null) {
    try {
      await gh.request("POST /repos/{owner}/{repo}/git/refs", {
        ...repo,
        ref: `refs/heads/${TICKS_BRANCH}`,
        sha: base,
      });
      log.info({ branch: TICKS_BRANCH, sha: base }, "created the ticks branch");
    } catch (error) {
      if (statusOf(error) !== 422) throw error; // 422: created meanwhile; write on top of it
    }
  } else if (current !== base) {
    // No pull request is open on it: what it held was merged or dropped; start again from the head.
    await gh.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
      ...repo,
      ref: `heads/${TICKS_BRANCH}`,
      sha: base,
      force: true,
    });
    log.info({ branch: TICKS_BRANCH, sha: base }, "reset the ticks branch to the default branch");
  }
}

async function openPull(gh: GitHubClient, repo: RepoRef, defaultBranch: string): Promise<PullRef> {
  try {
    const { data } = await gh.request("POST /repos/{owner}/{repo}/pulls", {
      ...repo,
      title: PULL_TITLE,
      head: TICKS_BRANCH,
      base: defaultBranch,
      body: pullBody(defaultBranch),
    });
    return { number: data.number, htmlUrl: data.html_url };
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    const existing = await findOpenPull(gh, repo, defaultBranch); // opened meanwhile
    if (!existing) throw error;
    return existing;
  }
}

export async function writeTicksPullRequest(request: TicksPullRequest): Promise<TicksPullResult> {
  const { gh, repo, defaultBranch, log } = request;
  const existing = await findOpenPull(gh, repo, defaultBranch);
  await prepareBranch(gh, repo, defaultBranch, existing !== null, log);
  const write = await writeTicks({
    gh,
    repo,
    path: request.path,
    branch: TICKS_BRANCH,
    changes: request.changes,
    log,
    ...(request.retryBaseMs === undefined ? {} : { retryBaseMs: request.retryBaseMs }),
  });
  if (write.kind === "gone") return { kind: "gone" };
  if (write.kind === "refused")
    return { kind: "refused", refusal: write.refusal, message: write.message, permission: NEEDED_PERMISSION.contents };
  if (existing) return { kind: "pull-request", pull: existing, opened: false, write };
  if (write.kind === "unchanged") return { kind: "unchanged" };
  try {
    const pull = await openPull(gh, repo, defaultBranch);
    log.info({ pull: pull.number, branch: TICKS_BRANCH }, "opened the ticks pull request");
    return { kind: "pull-request", pull, opened: true, write };
  } catch (error) {
    const refusal = writeRefusal(error);
    if (refusal === "no-permission" || refusal === "protected") {
      return { kind: "refused", refusal, message: messageOf(error), permission: NEEDED_PERMISSION.pulls };
    }
    throw error;
  }
}
