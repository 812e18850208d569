/**
 * Every GraphQL document tasksync sends, in one place, so a test can check each one against
 * GitHub's public schema (@octokit/graphql-schema): a renamed field fails a test, not a user.
 * GraphQL is used only where it saves requests or is the only way: creating an issue with its
 * parent and labels in one request, and linking a sub-issue on hosts without the REST endpoint.
 */

/** One request: the issue, in its place under its parent, with its labels. */
export const CREATE_ISSUE = `mutation TasksyncCreateIssue($repositoryId: ID!, $title: String!, $body: String, $labelIds: [ID!], $parentIssueId: ID) {
  createIssue(input: { repositoryId: $repositoryId, title: $title, body: $body, labelIds: $labelIds, parentIssueId: $parentIssueId }) {
    issue { id databaseId number title url }
  }
}`;

/** A sub-issue link by node ids (GitHub Enterprise Server has no REST endpoint for it). */
export const ADD_SUB_ISSUE = `mutation TasksyncAddSubIssue($issueId: ID!, $subIssueId: ID!, $replaceParent: Boolean) {
  addSubIssue(input: { issueId: $issueId, subIssueId: $subIssueId, replaceParent: $replaceParent }) {
    issue { id }
  }
}`;

/** Who last edited an issue's body (a phase checklist's ticks count only when that person may edit it). */
export const ISSUE_EDITOR = `query TasksyncIssueEditor($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) { editor { login } lastEditedAt }
  }
}`;

export interface IssueEditorResult {
  repository: { issue: { editor: { login: string } | null; lastEditedAt: string | null } | null } | null;
}

export interface CreateIssueResult {
  createIssue: { issue: { id: string; databaseId: number; number: number; title: string; url: string } | null } | null;
}

/** The documents this module sends, by name (the schema test walks them). */
export const GRAPHQL_DOCUMENTS: Readonly<Record<string, string>> = {
  CREATE_ISSUE,
  ADD_SUB_ISSUE,
  ISSUE_EDITOR,
};
