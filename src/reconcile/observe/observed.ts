/**
 * What observe reads, as data (types only): a repository's labels, an issue's blockers, its
 * milestones, and the facts the issue-field planner needs. The planners take these, so they are
 * named apart from the reads that fill them.
 */

export interface ObservedLabel {
  name: string;
  color: string;
  /** GraphQL node id (createIssue takes label ids). */
  nodeId?: string;
}

/** A blocker GitHub reports for an issue. */
export interface LinkedIssue {
  number: number;
  id: number;
}

export interface ObservedMilestone {
  number: number;
  title: string;
  description: string;
  state: "open" | "closed";
  /** Login of whoever created it; null when GitHub does not say. */
  creator: string | null;
}

export interface ObservedFields {
  /** Every milestone of the repository; null when not read (`milestones: none`). */
  milestones: ObservedMilestone[] | null;
  /** Whether each login (lower-cased) can be assigned in the repository. */
  assignable: Map<string, boolean>;
  /** The organisation's issue types by name; null where there are none (user-owned, older hosts). */
  issueTypes: string[] | null;
  /** The login tasksync's milestones are created by, when known. */
  author?: string;
}
