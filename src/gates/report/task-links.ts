/**
 * Links for tasks in the check run's Markdown: the task's issue when tasksync tracks one, else
 * the task's line in the task list at the PR head.
 */
import { taskKey } from "../../identity/marker.js";

export interface TaskLinks {
  /** Issue URLs by task key (`path#id`). */
  issueUrls: ReadonlyMap<string, string>;
  /** A link to a line of a file at the commit being checked. */
  fileUrl: (path: string, line: number) => string;
}

/** `[T009](issue)`, or `T009 ([tasks.md#L12](blob))` when the task has no issue. */
export function taskLink(links: TaskLinks, path: string, id: string, line: number): string {
  const issue = links.issueUrls.get(taskKey(path, id));
  if (issue !== undefined) return `[${id}](${issue})`;
  const file = path.split("/").pop() ?? path;
  return `${id} ([${file}#L${line}](${links.fileUrl(path, line)}))`;
}

/** A link to a commit's file (and line) under a repository's web address. */
export function blobLineUrl(htmlUrl: string, sha: string, path: string, line: number): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${htmlUrl}/blob/${sha}/${encoded}#L${line}`;
}
