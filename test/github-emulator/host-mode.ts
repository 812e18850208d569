/**
 * The emulator as a particular GitHub host: github.com (default) or a GitHub Enterprise Server
 * version. A GHES mode answers 404 for the REST routes that version's description lacks, carries
 * `x-github-enterprise-version` on every answer and `installed_version` in `GET /meta`, and its
 * GraphQL schema lacks the mutations and arguments that version lacks. Facts from GitHub's own
 * descriptions (REST sub-issues: no GHES; dependencies: 3.19; GraphQL sub-issues: 3.17).
 */

export type HostMode = { kind: "github.com" } | { kind: "ghes"; version: string };

export interface HostFeatures {
  restSubIssues: boolean;
  restDependencies: boolean;
  /** GraphQL addSubIssue and createIssue(parentIssueId). */
  graphqlSubIssues: boolean;
}

const at = (version: string, min: string): boolean => {
  const [a = 0, b = 0] = version.split(".").map(Number);
  const [c = 0, d = 0] = min.split(".").map(Number);
  return a > c || (a === c && b >= d);
};

export function featuresOf(mode: HostMode): HostFeatures {
  if (mode.kind === "github.com") return { restSubIssues: true, restDependencies: true, graphqlSubIssues: true };
  return {
    restSubIssues: false,
    restDependencies: at(mode.version, "3.19"),
    graphqlSubIssues: at(mode.version, "3.17"),
  };
}

/** Whether a route (as "METHOD /template") exists on the host. */
export function routeExists(mode: HostMode, route: string): boolean {
  const f = featuresOf(mode);
  if (/\/sub_issues?(\/|$)|\/issues\/\{issue_number\}\/parent$/.test(route)) return f.restSubIssues;
  if (/\/dependencies\//.test(route)) return f.restDependencies;
  if (/\/issue-types(\/|$)/.test(route)) return mode.kind === "github.com"; // no GHES REST description lists an organisation's types
  return true;
}

/** Headers every answer of the host carries. */
export function hostHeaders(mode: HostMode): Record<string, string> {
  return mode.kind === "ghes" ? { "x-github-enterprise-version": `${mode.version}.0` } : {};
}

/** `GET /meta` as the host answers it (the fields tasksync reads, plus a few of GitHub's). */
export function metaJson(mode: HostMode): Record<string, unknown> {
  const base = { verifiable_password_authentication: false, hooks: ["192.30.252.0/22"], git: ["192.30.252.0/22"] };
  return mode.kind === "ghes" ? { ...base, installed_version: `${mode.version}.0` } : base;
}
