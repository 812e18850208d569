/**
 * The task lists at a commit: every file matching the config's globs, with its blob sha. One
 * recursive tree read; when GitHub truncates that listing (past 100,000 entries or 7 MB), the
 * globs are walked folder by folder instead, so a large repository never looks as if its task
 * lists were deleted.
 */
import { globToRegExp, matchesAny } from "../../config/path-match.js";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { statusOf } from "../../github/client.js";
import type { TreeFile } from "../../github/repo-files.js";

interface TreeEntry {
  path?: string;
  type?: string;
  sha?: string;
}

async function readTree(
  gh: GitHubClient,
  repo: RepoRef,
  sha: string,
  recursive: boolean,
): Promise<{ entries: TreeEntry[]; truncated: boolean } | null> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      ...repo,
      tree_sha: sha,
      ...(recursive ? { recursive: "1" } : {}),
    });
    return { entries: data.tree, truncated: data.truncated };
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 409) return null; // no such commit, or an empty repository
    throw error;
  }
}

const isFile = (e: TreeEntry): e is Required<TreeEntry> =>
  e.type === "blob" && typeof e.path === "string" && typeof e.sha === "string";

/** Walks one glob's segments through the trees, one read per folder it has to open. */
async function walkGlob(gh: GitHubClient, repo: RepoRef, rootSha: string, glob: string): Promise<TreeFile[]> {
  const segments = glob.split("/");
  if (segments.some((s) => s.includes("**"))) {
    throw new Error(
      `this repository is too large for one tree listing, and the glob "${glob}" needs one: list its folders without "**" in .github/tasksync.yml \`paths\``,
    );
  }
  const found: TreeFile[] = [];
  const visit = async (treeSha: string, depth: number, prefix: string): Promise<void> => {
    const tree = await readTree(gh, repo, treeSha, false);
    const pattern = globToRegExp(segments[depth] as string);
    const last = depth === segments.length - 1;
    for (const entry of tree?.entries ?? []) {
      if (!entry.path || !entry.sha || !pattern.test(entry.path)) continue;
      const path = prefix === "" ? entry.path : `${prefix}/${entry.path}`;
      if (last && entry.type === "blob") found.push({ path, sha: entry.sha });
      else if (!last && entry.type === "tree") await visit(entry.sha, depth + 1, path);
    }
  };
  await visit(rootSha, 0, "");
  return found;
}

export async function listTaskLists(
  gh: GitHubClient,
  repo: RepoRef,
  ref: string,
  globs: readonly string[],
): Promise<TreeFile[]> {
  const tree = await readTree(gh, repo, ref, true);
  if (!tree) return [];
  if (!tree.truncated)
    return tree.entries
      .filter(isFile)
      .filter((e) => matchesAny(e.path, globs))
      .map((e) => ({ path: e.path, sha: e.sha }));
  const byPath = new Map<string, TreeFile>();
  for (const glob of globs) for (const file of await walkGlob(gh, repo, ref, glob)) byPath.set(file.path, file);
  return [...byPath.values()];
}
