/**
 * Reads the task lists a pull request concerns at its base branch and at its head, and parses
 * them. A list that throws in the parser becomes a FeatureDocs with `headError`, not a crash.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { messageOf } from "../../github/client.js";
import { readFile } from "../../github/repo-files.js";
import type { TaskDocument } from "../../tasks/model.js";
import { parseTaskListOffThread } from "../../tasks/parse-off-thread.js";
import type { FeatureDocs } from "../gate-model.js";

export interface ListToLoad {
  path: string;
  /** The path at the base (a renamed list). */
  basePath: string;
  changed: boolean;
}

export async function loadFeatures(
  gh: GitHubClient,
  repo: RepoRef,
  lists: readonly ListToLoad[],
  baseRef: string,
  headSha: string,
): Promise<FeatureDocs[]> {
  const out: FeatureDocs[] = [];
  for (const list of lists) {
    const baseFile = await readFile(gh, repo, list.basePath, baseRef);
    const headFile = await readFile(gh, repo, list.path, headSha);
    const base = baseFile === null ? null : await parseOrNull(list.path, baseFile.text);
    const feature: FeatureDocs = { path: list.path, base: base?.doc ?? null, head: null, changed: list.changed };
    if (headFile !== null) {
      const head = await parseOrNull(list.path, headFile.text);
      if (head.doc) feature.head = head.doc;
      else feature.headError = head.error;
    }
    out.push(feature);
  }
  return out;
}

/** Parsed off the event loop when the list is large, so webhooks are answered meanwhile. */
async function parseOrNull(
  path: string,
  text: string,
): Promise<{ doc: TaskDocument; error?: never } | { doc: null; error: string }> {
  try {
    return { doc: await parseTaskListOffThread(path, text) };
  } catch (error) {
    return { doc: null, error: messageOf(error) };
  }
}

/** The feature id of a task-list path, as the parser names it: the folder the list sits in. */
export function featureIdOfPath(path: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  return parts.length >= 2 ? (parts[parts.length - 2] as string) : (parts[0] ?? path).replace(/\.[^.]*$/, "");
}
