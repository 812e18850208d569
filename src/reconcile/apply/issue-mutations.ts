/**
 * The GraphQL mutations of the issue writer ({@link createIssueGraphql}, {@link addSubIssueGraphql}),
 * listed so a test can check each one against GitHub's public schema. GraphQL is used only where
 * it saves requests or is the only way: creating an issue with its parent and labels in one
 * request, and linking a sub-issue on hosts without the REST endpoint.
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

export interface CreateIssueResult {
  createIssue: { issue: { id: string; databaseId: number; number: number; title: string; url: string } | null } | null;
}

/** The documents this module holds, by name (the schema test walks them). */
export const ISSUE_MUTATIONS: Readonly<Record<string, string>> = {
  CREATE_ISSUE,
  ADD_SUB_ISSUE,
};
