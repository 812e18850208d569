import { describe, expect, it } from "@jest/globals";
import pino from "pino";
import type { GitHubClient } from "../../../src/github/client.js";
import {
  capabilitiesFor,
  forgetHosts,
  hasSubIssues,
  hostCapabilities,
  isGitHubDotCom,
} from "../../../src/github/host-capabilities.js";

const log = pino({ level: "silent" });

/** A client on `baseUrl` whose GET /meta answers `meta` with `headers`; counts its requests. */
function client(baseUrl: string, meta: Record<string, unknown>, headers: Record<string, string> = {}) {
  const routes: string[] = [];
  const request = Object.assign(
    async (route: string) => {
      routes.push(route);
      return { data: meta, headers, status: 200 };
    },
    { endpoint: { DEFAULTS: { baseUrl } } },
  );
  return { gh: { request } as unknown as GitHubClient, routes };
}

describe("host capabilities", () => {
  it.each([
    [null, { restSubIssues: true, graphqlSubIssues: true, dependencies: true, issueTypes: true }],
    ["3.16", { restSubIssues: false, graphqlSubIssues: false, dependencies: false, issueTypes: false }],
    ["3.17", { restSubIssues: false, graphqlSubIssues: true, dependencies: false, issueTypes: false }],
    ["3.18.2", { restSubIssues: false, graphqlSubIssues: true, dependencies: false, issueTypes: true }],
    ["3.19", { restSubIssues: false, graphqlSubIssues: true, dependencies: true, issueTypes: true }],
    ["3.20.0", { restSubIssues: false, graphqlSubIssues: true, dependencies: true, issueTypes: true }],
  ])("GHES %s has the features GitHub's descriptions give it", (version, features) => {
    expect(capabilitiesFor(version)).toMatchObject(features);
  });

  it("a host with neither REST nor GraphQL sub-issues keeps no hierarchy", () => {
    expect(hasSubIssues(capabilitiesFor("3.16"))).toBe(false);
    expect(hasSubIssues(capabilitiesFor("3.18"))).toBe(true);
  });

  it("asks github.com and GHEC nothing, and a GHES host once", async () => {
    forgetHosts();
    expect(isGitHubDotCom("https://api.github.com")).toBe(true);
    expect(isGitHubDotCom("https://api.octo.ghe.com")).toBe(true);
    const dotcom = client("https://api.github.com", {});
    expect((await hostCapabilities(dotcom.gh, log)).kind).toBe("github.com");
    expect(dotcom.routes).toEqual([]);

    const ghes = client("https://ghe.example.com/api/v3", { installed_version: "3.18.1" });
    expect(await hostCapabilities(ghes.gh, log)).toMatchObject({
      kind: "ghes",
      version: "3.18",
      dependencies: false,
      graphqlSubIssues: true,
    });
    await hostCapabilities(ghes.gh, log);
    expect(ghes.routes).toEqual(["GET /meta"]);
  });

  it("takes the version from the x-github-enterprise-version header when /meta has none", async () => {
    forgetHosts();
    const ghes = client("https://ghe2.example.com/api/v3", {}, { "x-github-enterprise-version": "3.19.0" });
    expect(await hostCapabilities(ghes.gh, log)).toMatchObject({ kind: "ghes", version: "3.19", dependencies: true });
  });
});
