/**
 * GitHub has no compare-and-write for an issue body. Before tasksync rewrites a phase issue's
 * checklist it reads the body again: if a box was ticked or unticked since the plan read it, the
 * write is left out (that edit's own `issues.edited` event brings the next reconcile, which takes
 * the tick), so a tick made on GitHub meanwhile is never overwritten. What remains is the short
 * gap between this read and the write.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { checklistDigestEntry, readChecklist } from "../render/phase-checklist.js";

export async function checklistUnchanged(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
  seen: string,
): Promise<boolean> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    ...repo,
    issue_number: number,
  });
  const boxes = readChecklist(data.body ?? "");
  return boxes !== null && checklistDigestEntry(boxes) === seen;
}
