/** The blob sha of a task list that the sync last reconciled, from its tracking issue's marker. */
import type { GitHubClient, RepoRef } from "../github/client.js";
import { listTrackedIssues } from "../github/tracked-issues.js";
import { trackingKey } from "../sync/marker.js";

/** null when the list has no tracking issue or none recorded. */
export async function recordedBlobSha(gh: GitHubClient, repo: RepoRef, label: string, path: string): Promise<string | null> {
  const issues = await listTrackedIssues(gh, repo, label);
  const tracking = issues.find((i) => i.key === trackingKey(path));
  return tracking?.marker.kind === "tracking" ? (tracking.marker.sha ?? null) : null;
}
