/**
 * Which GraphQL types implement which interfaces and belong to which unions (from GitHub's
 * schema), for the emulator's inline fragments (`... on ProjectV2FieldCommon { }`).
 */
const ABSTRACT: Record<string, readonly string[]> = {
  Node: [
    "Issue",
    "PullRequest",
    "Repository",
    "Organization",
    "User",
    "ProjectV2",
    "ProjectV2Field",
    "ProjectV2SingleSelectField",
    "ProjectV2Item",
  ],
  ProjectV2Owner: ["Organization", "User", "Issue", "PullRequest"],
  RepositoryOwner: ["Organization", "User"],
  ProjectV2FieldCommon: ["ProjectV2Field", "ProjectV2SingleSelectField", "ProjectV2IterationField"],
  ProjectV2FieldConfiguration: ["ProjectV2Field", "ProjectV2SingleSelectField", "ProjectV2IterationField"],
  ProjectV2ItemFieldValueCommon: ["ProjectV2ItemFieldTextValue", "ProjectV2ItemFieldSingleSelectValue"],
  ProjectV2ItemContent: ["Issue", "PullRequest", "DraftIssue"],
};

/** Whether an object of `typename` matches the fragment's type condition. */
export function typeMatches(typename: string, condition: string): boolean {
  return typename === condition || (ABSTRACT[condition]?.includes(typename) ?? false);
}
