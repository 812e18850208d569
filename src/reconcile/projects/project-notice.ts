/**
 * What the user is told when the project cannot be kept (it belongs to a user, is not found, or
 * lacks an option tasksync needs): one comment on each feature's tracking issue, updated when
 * the message changes, never repeated. Only read and written while there is something to say.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import type { ProjectAccess } from "./project-read.js";
import { parseProjectRef } from "./project-read.js";
import { SEND_ONCE } from "../apply/ambiguous-write.js";
import type { PacedWrites } from "../apply/paced-writes.js";

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

/** Posts (or updates) the notice on each tracking issue; returns how many it wrote. */
export async function postProjectNotice(
  gh: GitHubClient,
  repo: RepoRef,
  trackingNumbers: readonly number[],
  body: string,
  writes: PacedWrites,
): Promise<number> {
  let written = 0;
  for (const issueNumber of trackingNumbers) {
    const comments = await paginate((page) =>
      gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        ...repo,
        issue_number: issueNumber,
        per_page: GITHUB_LIMITS.perPage,
        page,
      }),
    );
    const mine = comments.find((c) => (c.body ?? "").startsWith(PROJECT_NOTICE_MARKER));
    if (mine?.body === body) continue;
    if (mine) {
      await writes.idempotent(() =>
        gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...repo, comment_id: mine.id, body }),
      );
    } else {
      await writes.once(() =>
        gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...repo,
          issue_number: issueNumber,
          body,
          ...SEND_ONCE,
        }),
      );
    }
    written += 1;
  }
  return written;
}
