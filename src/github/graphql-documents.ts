/**
 * The GraphQL queries of the sync, listed so a test can check each one against GitHub's public
 * schema (@octokit/graphql-schema): a renamed field fails a test, not a user. The documents that
 * write live with the writer ({@link ISSUE_MUTATIONS}, {@link PROJECT_MUTATIONS}), so that no
 * GraphQL write is spelled outside apply.
 */

/** Who last edited an issue's body (a phase checklist's ticks count only when that person may edit it). */
export const ISSUE_EDITOR = `query TasksyncIssueEditor($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) { editor { login } lastEditedAt }
  }
}`;

export interface IssueEditorResult {
  repository: { issue: { editor: { login: string } | null; lastEditedAt: string | null } | null } | null;
}

/** The documents this module sends, by name (the schema test walks them). */
export const GRAPHQL_DOCUMENTS: Readonly<Record<string, string>> = {
  ISSUE_EDITOR,
};
