/**
 * Which task lists a push changed (and every file at `after`, so the reconcile need not list
 * them again), by comparing blob shas in the trees at `before` and `after`
 * (the push payload's added/modified lists can be missing or truncated).
 */
import { matchesAny } from "../config/path-match.js";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { listFiles, type TreeFile } from "../github/repo-files.js";

const NULL_SHA = /^0+$/;

export async function changedTaskLists(
  gh: GitHubClient,
  repo: RepoRef,
  before: string,
  after: string,
  globs: readonly string[],
): Promise<{ changed: string[]; filesAfter: TreeFile[] }> {
  const lists = (files: Array<{ path: string; sha: string }>) =>
    new Map(files.filter((f) => matchesAny(f.path, globs)).map((f) => [f.path, f.sha]));
  const filesAfter = await listFiles(gh, repo, after);
  const now = lists(filesAfter);
  const then = NULL_SHA.test(before) ? new Map<string, string>() : lists(await listFiles(gh, repo, before));
  const changed = [...now].filter(([path, sha]) => then.get(path) !== sha).map(([path]) => path);
  const removed = [...then.keys()].filter((path) => !now.has(path));
  return { changed: [...changed, ...removed], filesAfter };
}
