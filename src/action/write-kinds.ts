/**
 * What a GitHub write did, read from the request itself (method, route template, body): the
 * Action's counts and job summary come from the requests the pipeline made, so they stay true
 * whatever the pipeline's internals report.
 */

export const WRITE_KINDS = [
  "created",
  "updated",
  "closed",
  "reopened",
  "linked",
  "unlinked",
  "commented",
  "labels",
  "commits",
  "checks",
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];

export interface RequestFacts {
  method: string;
  /** The route template, e.g. "/repos/{owner}/{repo}/issues/{issue_number}". */
  url: string;
  params: Record<string, unknown>;
}

const GRAPHQL_MUTATIONS: Record<string, WriteKind> = {
  createIssue: "created",
  updateIssue: "updated",
  closeIssue: "closed",
  reopenIssue: "reopened",
  addSubIssue: "linked",
  reprioritizeSubIssue: "linked",
  addBlockedBy: "linked",
  removeSubIssue: "unlinked",
  removeBlockedBy: "unlinked",
  addComment: "commented",
  updateIssueComment: "commented",
  createLabel: "labels",
  addLabelsToLabelable: "updated",
  removeLabelsFromLabelable: "updated",
  createCommitOnBranch: "commits",
};

/** The kinds of change a GraphQL document's mutations make, one entry per mutation field. */
function graphqlKinds(query: unknown): WriteKind[] {
  if (typeof query !== "string" || !/^\s*mutation\b/.test(query)) return [];
  const kinds: WriteKind[] = [];
  for (const match of query.matchAll(/\b(\w+)\s*\(/g)) {
    const kind = GRAPHQL_MUTATIONS[match[1] as string];
    if (kind) kinds.push(kind);
  }
  return kinds;
}

function issueEditKind(params: Record<string, unknown>): WriteKind {
  if (params["state"] === "closed") return "closed";
  if (params["state"] === "open") return "reopened";
  return "updated";
}

/** The kinds of change one request makes ([] for reads and for writes that change nothing tracked). */
export function writeKinds({ method, url, params }: RequestFacts): WriteKind[] {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return [];
  const path = url.replace(/^https?:\/\/[^/]+/, "").replace(/^\/api\/v3/, "");
  if (/\/graphql$/.test(path)) return graphqlKinds(params["query"]);
  const route = `${m} ${path}`;
  const table: Array<[RegExp, WriteKind | ((p: Record<string, unknown>) => WriteKind)]> = [
    [/^POST \/repos\/[^/]+\/[^/]+\/issues$/, "created"],
    [/^PATCH \/repos\/[^/]+\/[^/]+\/issues\/[^/]+$/, issueEditKind],
    [
      /^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/(sub_issues|sub_issues\/priority|dependencies\/blocked_by)$/,
      "linked",
    ],
    [/^DELETE \/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/(sub_issue|dependencies\/blocked_by\/[^/]+)$/, "unlinked"],
    [/^(POST|PUT|DELETE) \/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/labels(\/[^/]+)?$/, "updated"],
    [/^POST \/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/comments$/, "commented"],
    [/^PATCH \/repos\/[^/]+\/[^/]+\/issues\/comments\/[^/]+$/, "commented"],
    [/^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/labels(\/[^/]+)?$/, "labels"],
    [/^PUT \/repos\/[^/]+\/[^/]+\/contents\/.+$/, "commits"],
    [/^POST \/repos\/[^/]+\/[^/]+\/git\/commits$/, "commits"],
    [/^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/check-runs(\/[^/]+)?$/, "checks"],
  ];
  for (const [pattern, kind] of table) {
    if (pattern.test(route)) return [typeof kind === "function" ? kind(params) : kind];
  }
  return [];
}
