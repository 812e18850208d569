/**
 * The reads the agents' hand-offs need, asked for by the plan (see {@link planDispatch}): the
 * hand-off comments of the task issues it names (dispatch: comment), and the names in the task
 * list's folder, so the instructions link the design documents that exist.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { statusOf } from "../../github/client.js";
import { listIssueComments } from "./observe.js";
import type { TrackedIssue } from "./tracked-issues.js";
import { featureFolder, handoffCommentMarker } from "../render/handoff-text.js";

/** tasksync's hand-off comment for a task on an issue: its id, or null. */
export async function findHandoffComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  taskId: string,
  author: string | undefined,
): Promise<number | null> {
  const comments = await listIssueComments(gh, repo, issueNumber);
  const marker = handoffCommentMarker(taskId);
  const found = comments.find(
    (c) => (c.body ?? "").includes(marker) && (author === undefined || c.user?.login === author),
  );
  return found === undefined ? null : Number(found.id);
}

/** tasksync's hand-off comment (id, or null) per task issue key. */
export async function observeHandoffComments(
  gh: GitHubClient,
  repo: RepoRef,
  keys: readonly string[],
  issues: readonly TrackedIssue[],
  author: string | undefined,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const key of keys) {
    const issue = issues.find((i) => i.key === key);
    if (issue?.marker.kind !== "task") continue;
    out.set(key, await findHandoffComment(gh, repo, issue.number, issue.marker.id, author));
  }
  return out;
}

/** Names in the task list's folder at `ref` (folders end in "/"); [] when it cannot be listed. */
export async function observeFeatureFolder(
  gh: GitHubClient,
  repo: RepoRef,
  listPath: string,
  ref: string,
): Promise<string[]> {
  const folder = featureFolder(listPath).replace(/\/$/, "");
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: folder, ref });
    if (!Array.isArray(data)) return [];
    return data.map((entry) => (entry.type === "dir" ? `${entry.name}/` : entry.name));
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
}
