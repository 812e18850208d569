/**
 * Writes checkbox changes into a task list on a branch with one commit: read the file and its
 * blob sha, apply the changes, PUT it back with that sha. A stale sha (409: someone committed
 * to the file meanwhile) is re-read, re-applied and retried with backoff; plugin-retry must not
 * resend the stale sha itself, so its retries are off for the PUT. A protected branch or a
 * missing permission is reported, not retried; any other answer propagates.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../../github/client.js";
import { messageOf, statusOf } from "../../../github/client.js";
import { isAmbiguous } from "../ambiguous-write.js";
import { readFile } from "../../../github/repo-files.js";
import { applyTicks, type AppliedTicks } from "./apply-ticks.js";
import { commitMessage } from "./commit-message.js";
import type { CheckboxChange } from "../../checkbox-change.js";
import { writeRefusal } from "./write-refusal.js";
import { sleep } from "../../../util/sleep.js";

/** Attempts at one write when the file keeps changing under it. */
export const MAX_WRITE_ATTEMPTS = 5;
/** First pause after a stale write; doubled after each further one. */
export const STALE_RETRY_BASE_MS = 250;

export interface WriteTicksRequest {
  gh: GitHubClient;
  repo: RepoRef;
  path: string;
  branch: string;
  changes: readonly CheckboxChange[];
  log: Logger;
  /** Overrides STALE_RETRY_BASE_MS (tests). */
  retryBaseMs?: number;
}

export type WriteTicksResult =
  /**
   * `baseSha`: the blob the ticks were applied to; `raced`: someone else committed to the file
   * while tasksync was writing (a stale sha was retried).
   */
  | { kind: "committed"; commitSha: string; baseSha: string; blobSha: string; applied: AppliedTicks; raced: boolean }
  /** Every checkbox already says what the issues say (or no task could be found). */
  | { kind: "unchanged"; applied: AppliedTicks }
  /** The file does not exist on the branch. */
  | { kind: "gone" }
  | { kind: "refused"; refusal: "protected" | "no-permission"; message: string; applied: AppliedTicks };

export async function writeTicks(request: WriteTicksRequest): Promise<WriteTicksResult> {
  const { gh, repo, path, branch, log } = request;
  const baseMs = request.retryBaseMs ?? STALE_RETRY_BASE_MS;
  for (let attempt = 1; ; attempt += 1) {
    const file = await readFile(gh, repo, path, branch);
    if (!file) return { kind: "gone" };
    const applied = applyTicks(path, file.text, request.changes);
    if (applied.changed.length === 0) return { kind: "unchanged", applied };
    try {
      const response = await gh.request("PUT /repos/{owner}/{repo}/contents/{path}", {
        ...repo,
        path,
        branch,
        message: commitMessage(path, applied.ticked, applied.unticked),
        content: Buffer.from(applied.text, "utf8").toString("base64"),
        sha: file.sha,
        request: { retries: 0 },
      });
      const commitSha = response.data.commit.sha;
      const blobSha = response.data.content?.sha;
      if (commitSha === undefined || blobSha === undefined)
        throw new Error(`GitHub answered the write of ${path} without a commit sha`);
      return { kind: "committed", commitSha, baseSha: file.sha, blobSha, applied, raced: attempt > 1 };
    } catch (error) {
      if (isAmbiguous(error) && attempt < MAX_WRITE_ATTEMPTS) {
        // The commit may have happened: look before writing again.
        const now = await readFile(gh, repo, path, branch);
        if (now && now.text === applied.text) {
          log.warn({ status: statusOf(error), branch }, "the write failed without an answer but took effect");
          const head = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { ...repo, ref: `heads/${branch}` });
          return {
            kind: "committed",
            commitSha: head.data.object.sha,
            baseSha: file.sha,
            blobSha: now.sha,
            applied,
            raced: attempt > 1,
          };
        }
        log.warn(
          { status: statusOf(error), attempt, branch },
          "the write failed without an answer and did not take effect: writing again on what is there",
        );
        continue;
      }
      const refusal = writeRefusal(error);
      if (refusal === "protected" || refusal === "no-permission")
        return { kind: "refused", refusal, message: messageOf(error), applied };
      if (refusal !== "stale" || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      const waitMs = baseMs * 2 ** (attempt - 1);
      log.info({ attempt, waitMs, branch }, "task list changed while writing: re-reading and retrying");
      await sleep(waitMs);
    }
  }
}
