/**
 * What the user is told when the project cannot be kept (it belongs to a user, is not found, or
 * lacks an option tasksync needs): one comment on each feature's tracking issue, updated when
 * the message changes, never repeated. Only read while there is something to say. This module
 * reads and plans; the comment is written by the project writer ({@link applyProjectPlan}).
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import type { ProjectAccess } from "./project-read.js";
import { parseProjectRef } from "./project-read.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { ProjectOperation } from "./project-plan.js";

export const PROJECT_NOTICE_MARKER = "<!-- tasksync:project -->";

/** Why the project could not be read, in the user's terms, with what to do. */
export function unreachableNote(ref: string, access: Extract<ProjectAccess, { ok: false }>): string {
  const { login } = parseProjectRef(ref);
  if (access.ownerType === "User") {
    return (
      `tasksync cannot reach the project \`${ref}\`: it belongs to the user @${login}, and GitHub does not let a GitHub App's installation token reach projects owned by a user. ` +
      "Use a project owned by an organization, or run `tasksync sync` (the CLI) with a personal access token that has the `project` scope."
    );
  }
  if (access.ownerType === null)
    return `tasksync cannot reach the project \`${ref}\`: GitHub knows no user or organization \`${login}\` (${access.message}).`;
  return (
    `tasksync cannot reach the project \`${ref}\` (GitHub answered: ${access.message}). ` +
    'Check its number, and that the app has the organization permission "Projects: Read and write", accepted by the organization.'
  );
}

export function renderProjectNotice(ref: string, notes: readonly string[]): string {
  return [
    PROJECT_NOTICE_MARKER,
    `### ⚠️ GitHub Project \`${ref}\``,
    "",
    ...notes.map((n) => `- ${n}`),
    "",
    "The issues themselves are synced as usual. This comment is updated, not repeated.",
  ].join("\n");
}

/** The notice each tracking issue holds now (its comment id and body), or null where there is none. */
export async function readProjectNotices(
  gh: GitHubClient,
  repo: RepoRef,
  tracking: readonly TrackedIssue[],
): Promise<Map<TrackedIssue, { id: number; body: string } | null>> {
  const found = new Map<TrackedIssue, { id: number; body: string } | null>();
  for (const issue of tracking) {
    const comments = await paginate((page) =>
      gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        ...repo,
        issue_number: issue.number,
        per_page: GITHUB_LIMITS.perPage,
        page,
      }),
    );
    const mine = comments.find((c) => (c.body ?? "").startsWith(PROJECT_NOTICE_MARKER));
    found.set(issue, mine ? { id: Number(mine.id), body: mine.body ?? "" } : null);
  }
  return found;
}

/** Pure: a `project-notice` operation for each tracking issue whose notice is missing or says something else. */
export function planProjectNotices(
  seen: ReadonlyMap<TrackedIssue, { id: number; body: string } | null>,
  body: string,
): ProjectOperation[] {
  const ops: ProjectOperation[] = [];
  for (const [issue, mine] of seen) {
    if (mine?.body === body) continue;
    ops.push({
      kind: "project-notice",
      key: issue.key,
      issueNumber: issue.number,
      commentId: mine?.id ?? null,
      body,
      reason: mine ? "the project notice says something else now" : "the project needs the user's attention",
    });
  }
  return ops;
}
