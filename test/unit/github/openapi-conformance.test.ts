/** The request check the e2e suite runs: what GitHub's REST description does not allow is caught. */
import { describe, expect, it } from "@jest/globals";
import { conformanceProblems, descriptionFor } from "../../github-emulator/openapi-conformance.js";
import type { LoggedRequest } from "../../github-emulator/request-log.js";

const entry = (route: string, path: string, extra: Partial<LoggedRequest> = {}): LoggedRequest => ({
  method: route.split(" ")[0] ?? "GET",
  path,
  route,
  status: 200,
  at: 0,
  durationMs: 0,
  actor: "installation:1",
  ...extra,
});

describe("requests against GitHub's REST description", () => {
  it("accepts what tasksync sends", () => {
    expect(
      conformanceProblems(
        [
          entry("GET /repos/{owner}/{repo}/issues", "/repos/o/r/issues?labels=tasksync&state=all&per_page=100&page=1", {
            responseBody: [],
          }),
          entry(
            "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
            "/repos/o/r/issues/4/dependencies/blocked_by",
            { requestBody: { issue_id: 9003 }, status: 201 },
          ),
        ],
        { kind: "github.com" },
      ),
    ).toEqual([]);
  });

  it("fails a request that does not exist, an undeclared or invalid query, a wrong body and a non-conforming answer", () => {
    const problems = conformanceProblems(
      [
        entry("POST /repos/{owner}/{repo}/issues/{issue_number}/blocked_by", "/repos/o/r/issues/4/blocked_by"),
        entry("GET /repos/{owner}/{repo}/issues", "/repos/o/r/issues?label=tasksync&state=everything"),
        entry("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", "/repos/o/r/issues/1/sub_issues", {
          requestBody: { sub_issue_id: "12" },
        }),
        entry("GET /repos/{owner}/{repo}/labels/{name}", "/repos/o/r/labels/x", { responseBody: { name: "x" } }),
      ],
      { kind: "github.com" },
    );
    expect(problems).toEqual([
      "POST /repos/{owner}/{repo}/issues/{issue_number}/blocked_by: no such operation",
      'GET /repos/{owner}/{repo}/issues: query parameter "label" is not declared',
      expect.stringMatching(/^GET \/repos\/\{owner\}\/\{repo\}\/issues: query state=everything: .*allowed values/),
      expect.stringMatching(/^POST .*\/sub_issues: body \/sub_issue_id must be integer/),
      expect.stringMatching(
        /^GET \/repos\/\{owner\}\/\{repo\}\/labels\/\{name\} answered 200: \(root\) must have required property/,
      ),
    ]);
  });

  it("checks a GHES mode against that version: REST sub-issues exist in none, dependencies from 3.19", () => {
    const link = entry(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
      "/repos/o/r/issues/1/sub_issues",
      { requestBody: { sub_issue_id: 12 }, status: 201 },
    );
    const blocked = entry(
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
      "/repos/o/r/issues/1/dependencies/blocked_by",
      { responseBody: [] },
    );
    expect(conformanceProblems([link], { kind: "ghes", version: "3.19" })).toEqual([
      `${link.route}: no such operation`,
    ]);
    expect(conformanceProblems([blocked], { kind: "ghes", version: "3.18" })).toEqual([
      `${blocked.route}: no such operation`,
    ]);
    expect(conformanceProblems([blocked], { kind: "ghes", version: "3.19" })).toEqual([]);
    expect(descriptionFor({ kind: "ghes", version: "3.16" })).toBe("ghes-3.17");
  });
});
