import { describe, expect, it } from "@jest/globals";
import { isPermissionRefusal, permissionFor } from "../../../src/action/permission-hint.js";
import { writeKinds, type RequestFacts } from "../../../src/action/write-kinds.js";

const req = (method: string, url: string, params: Record<string, unknown> = {}): RequestFacts => ({
  method,
  url,
  params,
});

describe("writeKinds", () => {
  it.each([
    [req("GET", "/repos/{owner}/{repo}/issues"), []],
    [req("POST", "/repos/{owner}/{repo}/issues", { title: "x" }), ["created"]],
    [
      req("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", { state: "closed", state_reason: "not_planned" }),
      ["closed"],
    ],
    [req("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", { state: "open" }), ["reopened"]],
    [req("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", { body: "b" }), ["updated"]],
    [req("POST", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues"), ["linked"]],
    [req("POST", "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"), ["linked"]],
    [req("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"), ["unlinked"]],
    [req("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue"), ["unlinked"]],
    [req("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"), ["commented"]],
    [req("POST", "/repos/{owner}/{repo}/labels"), ["labels"]],
    [req("PUT", "/repos/{owner}/{repo}/contents/{path}"), ["commits"]],
    [req("POST", "/repos/{owner}/{repo}/check-runs"), ["checks"]],
    [req("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"), []],
    [
      req("POST", "/graphql", {
        query: "mutation { a: createIssue(input: $a) { issue { id } } b: addSubIssue(input: $b) { issue { id } } }",
      }),
      ["created", "linked"],
    ],
    [req("POST", "/graphql", { query: "query { repository(owner: $o) { id } }" }), []],
  ])("%j → %j", (facts, kinds) => {
    expect(writeKinds(facts)).toEqual(kinds);
  });
});

describe("permissionFor", () => {
  it.each([
    [req("POST", "/repos/{owner}/{repo}/issues"), "issues: write"],
    [req("POST", "/repos/{owner}/{repo}/labels"), "issues: write"],
    [req("GET", "/repos/{owner}/{repo}/issues"), "issues: read"],
    [req("PUT", "/repos/{owner}/{repo}/contents/{path}"), "contents: write"],
    [req("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}"), "contents: read"],
    [req("POST", "/repos/{owner}/{repo}/check-runs"), "checks: write"],
    [req("POST", "/repos/{owner}/{repo}/pulls"), "pull-requests: write"],
    [req("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files"), "pull-requests: read"],
    [req("POST", "/graphql", { query: "mutation { addBlockedBy(input: $i) { issue { id } } }" }), "issues: write"],
  ])("%j needs %s", (facts, line) => {
    expect(permissionFor(facts)).toBe(line);
  });

  it("tells a refused permission from a rate limit", () => {
    expect(isPermissionRefusal(403, "Resource not accessible by integration", {})).toBe(true);
    expect(isPermissionRefusal(403, "You have exceeded a secondary rate limit", {})).toBe(false);
    expect(isPermissionRefusal(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" })).toBe(false);
    expect(isPermissionRefusal(404, "Not Found", {})).toBe(false);
  });
});
