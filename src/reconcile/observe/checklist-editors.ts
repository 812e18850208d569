/**
 * A phase checklist's ticks count only when whoever last edited the body may edit it. GitHub lets
 * only people with write access edit an issue someone else (tasksync) opened, so on GitHub this
 * always holds; it is checked anyway, at the reconcile, so that no trigger (a push, the sweep at
 * start-up) can carry in ticks from an edit the `issues.edited` handler refused. Read only when a
 * checklist holds ticks the file has not taken: one GraphQL read (the body's last editor) and one
 * permission read per such issue. A checklist whose editor may not edit it is distrusted: its
 * boxes change nothing, and the body is written again from the file.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { ISSUE_EDITOR, type IssueEditorResult } from "../../github/graphql-documents.js";
import { hasWriteAccess } from "../../github/write-access.js";
import type { IssueTrust } from "../../identity/trust.js";
import type { TrackedIssue } from "./tracked-issues.js";

export interface EditorCheck {
  gh: GitHubClient;
  repo: RepoRef;
  /** The phase issues, by key, whose checklists hold ticks the file has not taken ({@link pendingChecklists}). */
  pending: ReadonlyMap<string, TrackedIssue>;
  trust: IssueTrust;
  log: Logger;
}

/** tasksync's own edit (it keeps a person's ticks in the body while the file cannot follow). */
function isOwn(login: string, trust: IssueTrust): boolean {
  return trust.author === undefined ? login.endsWith("[bot]") : login.toLowerCase() === trust.author.toLowerCase();
}

/** The keys of the phase issues whose changed boxes come from an edit by someone without write access. */
export async function distrustedChecklists(check: EditorCheck): Promise<Set<string>> {
  const distrusted = new Set<string>();
  for (const [key, issue] of check.pending) {
    const answer = await check.gh.graphql<IssueEditorResult>(ISSUE_EDITOR, {
      owner: check.repo.owner,
      name: check.repo.repo,
      number: issue.number,
    });
    const editor = answer.repository?.issue?.editor?.login;
    const trusted =
      editor !== undefined && (isOwn(editor, check.trust) || (await hasWriteAccess(check.gh, check.repo, editor)));
    if (!trusted) {
      check.log.warn(
        { issue: issue.number, editor: editor ?? null },
        "a phase checklist was last edited by someone without write access: its ticks are ignored",
      );
      distrusted.add(key);
    }
  }
  return distrusted;
}
