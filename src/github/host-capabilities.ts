/**
 * What a GitHub host offers, learned once per host: github.com (and GHEC) from the API address,
 * a GitHub Enterprise Server version from the `x-github-enterprise-version` header or `GET /meta`
 * `installed_version`. The table comes from GitHub's own REST and GraphQL descriptions; when a
 * host answers "unknown" where the table said yes, the capability is dropped for that host and
 * logged once.
 */
import type { Logger } from "pino";
import type { GitHubClient } from "./client.js";
import { statusOf } from "./client.js";

export interface HostCapabilities {
  /** "github.com" (also GHEC), or "ghes". */
  kind: "github.com" | "ghes";
  /** The GHES version ("3.18"), null on github.com. */
  version: string | null;
  /** REST sub-issue endpoints (github.com only). */
  restSubIssues: boolean;
  /** GraphQL `addSubIssue` and `createIssue(parentIssueId)`. */
  graphqlSubIssues: boolean;
  /** Issue dependency endpoints (REST blocked_by). */
  dependencies: boolean;
  /** Organisation issue types. */
  issueTypes: boolean;
}

export type Capability = "restSubIssues" | "graphqlSubIssues" | "dependencies" | "issueTypes";

/** [first GHES version with it, or null for none] per capability; github.com has all. */
export const GHES_SUPPORT: Readonly<Record<Capability, string | null>> = {
  restSubIssues: null,
  graphqlSubIssues: "3.17",
  dependencies: "3.19",
  issueTypes: "3.18",
};

const GITHUB_COM: HostCapabilities = {
  kind: "github.com",
  version: null,
  restSubIssues: true,
  graphqlSubIssues: true,
  dependencies: true,
  issueTypes: true,
};

function atLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  const [c = 0, d = 0] = min.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

/** The capabilities of a host: github.com when `ghesVersion` is null, else that GHES version's. */
export function capabilitiesFor(ghesVersion: string | null): HostCapabilities {
  if (ghesVersion === null) return { ...GITHUB_COM };
  const version = /^(\d+\.\d+)/.exec(ghesVersion)?.[1] ?? ghesVersion;
  const has = (c: Capability): boolean => {
    const min = GHES_SUPPORT[c];
    return min !== null && atLeast(version, min);
  };
  return {
    kind: "ghes",
    version,
    restSubIssues: has("restSubIssues"),
    graphqlSubIssues: has("graphqlSubIssues"),
    dependencies: has("dependencies"),
    issueTypes: has("issueTypes"),
  };
}

/** Whether the host keeps a hierarchy at all (otherwise task lists in the parents' bodies stand in). */
export const hasSubIssues = (caps: HostCapabilities): boolean => caps.restSubIssues || caps.graphqlSubIssues;

const known = new Map<string, HostCapabilities>();

const baseUrlOf = (gh: GitHubClient): string =>
  (gh.request as { endpoint?: { DEFAULTS?: { baseUrl?: string } } }).endpoint?.DEFAULTS?.baseUrl ??
  "https://api.github.com";

/** github.com and GHEC data-residency hosts (`api.<name>.ghe.com`) need no question. */
export function isGitHubDotCom(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === "api.github.com" || host.endsWith(".ghe.com");
}

/** The host's capabilities: asked once per host (`GET /meta`), then remembered. */
export async function hostCapabilities(gh: GitHubClient, log: Logger): Promise<HostCapabilities> {
  const baseUrl = baseUrlOf(gh);
  const cached = known.get(baseUrl);
  if (cached) return cached;
  let caps = capabilitiesFor(null);
  if (!isGitHubDotCom(baseUrl)) {
    try {
      const response = await gh.request("GET /meta");
      const header = response.headers["x-github-enterprise-version"];
      const installed = (response.data as { installed_version?: unknown }).installed_version;
      const version =
        typeof header === "string" && header !== "" ? header : typeof installed === "string" ? installed : null;
      caps = capabilitiesFor(version);
    } catch (error) {
      // A host that cannot say what it is gets github.com's table; answers will correct it.
      log.warn(
        { baseUrl, status: statusOf(error) },
        "could not read the host's version: assuming github.com's features",
      );
    }
  }
  log.info({ baseUrl, ...caps }, "GitHub host capabilities");
  known.set(baseUrl, caps);
  return caps;
}

/** The host answered "unknown" where the table said yes: drop the capability, and say so once. */
export function dropCapability(caps: HostCapabilities, capability: Capability, log: Logger, why: string): void {
  if (!caps[capability]) return;
  caps[capability] = false;
  log.warn(
    { capability, version: caps.version, why },
    "the GitHub host lacks a feature its version should have: falling back",
  );
}

/** Forget what was learned (tests start emulators on new ports, but may reuse one). */
export function forgetHosts(): void {
  known.clear();
}
