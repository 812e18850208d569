/** GitHub's limits that tasksync respects, named in one place. */
export const GITHUB_LIMITS = {
  /** Sub-issues one parent issue may have. */
  subIssuesPerParent: 100,
  /** Blocked-by links per issue (per relationship type). */
  dependenciesPerIssue: 50,
  /** Annotations per check-run create/update request. */
  annotationsPerRequest: 50,
  /** Characters in a check run's output.summary / output.text, and in an issue or comment body. */
  maxTextLength: 65_535,
  /** Items per page on list endpoints. */
  perPage: 100,
  /** Characters in a label name. */
  labelNameLength: 50,
  /** Characters in an issue title. */
  issueTitleLength: 256,
  /** People assigned to one issue. */
  assigneesPerIssue: 10,
  /** Top-level keys in a `repository_dispatch` event's client_payload. */
  dispatchPayloadKeys: 10,
  /** Characters in a `repository_dispatch` event_type. */
  dispatchEventTypeLength: 100,
} as const;
