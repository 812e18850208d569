/** Reading the repository's files: a blob's text, a file's text and sha at a ref. */
import type { GitHubClient, RepoRef } from "./client.js";
import { statusOf } from "./client.js";

export interface TreeFile {
  path: string;
  /** Git blob sha. */
  sha: string;
}

/** The text of a blob, decoded as UTF-8. */
export async function readBlob(gh: GitHubClient, repo: RepoRef, sha: string): Promise<string> {
  const response = await gh.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { ...repo, file_sha: sha });
  const { content, encoding } = response.data;
  return encoding === "base64" ? Buffer.from(content, "base64").toString("utf8") : content;
}

/** A file's text and blob sha at `ref`, or null when it does not exist there. */
export async function readFile(
  gh: GitHubClient,
  repo: RepoRef,
  path: string,
  ref?: string,
): Promise<{ text: string; sha: string } | null> {
  try {
    const response = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path,
      ...(ref === undefined ? {} : { ref }),
    });
    const data = response.data;
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    return { text: Buffer.from(data.content, "base64").toString("utf8"), sha: data.sha };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
