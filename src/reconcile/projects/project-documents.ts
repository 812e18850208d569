/**
 * The GraphQL documents of the GitHub Projects sync (Projects v2 has no REST API), checked
 * against GitHub's public schema in test/unit/github/graphql-documents.test.ts.
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

const FIELD_SELECTION = `... on ProjectV2FieldCommon { id name dataType }
      ... on ProjectV2SingleSelectField { options { id name color description } }`;

export const CREATE_PROJECT_FIELD = `mutation TasksyncCreateProjectField($projectId: ID!, $name: String!, $dataType: ProjectV2CustomFieldType!, $options: [ProjectV2SingleSelectFieldOptionInput!]) {
  createProjectV2Field(input: { projectId: $projectId, name: $name, dataType: $dataType, singleSelectOptions: $options }) {
    projectV2Field {
      ${FIELD_SELECTION}
    }
  }
}`;

/** Replaces a single-select field's options (GitHub has no "add one option"): sent only to a project without items. */
export const SET_FIELD_OPTIONS = `mutation TasksyncSetFieldOptions($fieldId: ID!, $options: [ProjectV2SingleSelectFieldOptionInput!]) {
  updateProjectV2Field(input: { fieldId: $fieldId, singleSelectOptions: $options }) {
    projectV2Field {
      ${FIELD_SELECTION}
    }
  }
}`;

/** Adds an issue to a project; GitHub returns the existing item when it is there already. */
export const ADD_PROJECT_ITEM = `mutation TasksyncAddProjectItem($projectId: ID!, $contentId: ID!) {
  addProjectV2ItemById(input: { projectId: $projectId, contentId: $contentId }) {
    item { id }
  }
}`;

export const SET_PROJECT_FIELD_VALUE = `mutation TasksyncSetProjectFieldValue($projectId: ID!, $itemId: ID!, $fieldId: ID!, $value: ProjectV2FieldValue!) {
  updateProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: $value }) {
    projectV2Item { id }
  }
}`;

export const CLEAR_PROJECT_FIELD_VALUE = `mutation TasksyncClearProjectFieldValue($projectId: ID!, $itemId: ID!, $fieldId: ID!) {
  clearProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId }) {
    projectV2Item { id }
  }
}`;

/** The documents this module sends, by name (the schema test walks them). */
export const PROJECT_DOCUMENTS: Readonly<Record<string, string>> = {
  PROJECT_FIELDS,
  ISSUE_PROJECT_ITEMS,
  CREATE_PROJECT_FIELD,
  SET_FIELD_OPTIONS,
  ADD_PROJECT_ITEM,
  SET_PROJECT_FIELD_VALUE,
  CLEAR_PROJECT_FIELD_VALUE,
};
