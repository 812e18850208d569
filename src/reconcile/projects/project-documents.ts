/**
 * The GraphQL queries of the GitHub Projects sync (Projects v2 has no REST API), checked
 * against GitHub's public schema by the GraphQL documents test. The documents that write are
 * the project writer's ({@link PROJECT_MUTATIONS}).
 */

/** The project (by owner login and number), whether the owner is a user or an organization, and a page of its fields. */
export const PROJECT_FIELDS = `query TasksyncProject($login: String!, $number: Int!, $after: String) {
  repositoryOwner(login: $login) {
    __typename
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        id
        title
        url
        items(first: 1) { totalCount }
        fields(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes {
            ... on ProjectV2FieldCommon { id name dataType }
            ... on ProjectV2SingleSelectField { options { id name color description } }
          }
        }
      }
    }
  }
}`;

/**
 * tasksync's issues by node id: their state, whether an open pull request will close them, and
 * their items in any project with the values of text and single-select fields.
 */
export const ISSUE_PROJECT_ITEMS = `query TasksyncIssueProjectItems($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Issue {
      id
      state
      closedByPullRequestsReferences(first: 1) { totalCount }
      projectItems(first: 20) {
        nodes {
          id
          project { id }
          fieldValues(first: 50) {
            nodes {
              ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } }
              ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ... on ProjectV2FieldCommon { id } } }
            }
          }
        }
      }
    }
  }
}`;

/** The documents this module sends, by name (the schema test walks them). */
export const PROJECT_DOCUMENTS: Readonly<Record<string, string>> = {
  PROJECT_FIELDS,
  ISSUE_PROJECT_ITEMS,
};
