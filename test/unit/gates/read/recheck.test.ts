import { describe, expect, it } from "@jest/globals";
import pino from "pino";
import type { GitHubClient } from "../../../../src/github/client.js";
import { MAX_EXAMINED_PULLS, MAX_RECHECKED_PULLS, pullsToRecheck } from "../../../../src/gates/read/recheck.js";

type Conclusion = "failure" | "neutral" | "success" | "in_progress" | null;

/** A client that answers the two routes pullsToRecheck reads: open PRs (paged by 100) and check runs. */
function fakeGitHub(conclusions: Conclusion[]) {
  const calls: string[] = [];
  const pulls = conclusions.map((_, i) => ({
    number: i + 1,
    title: `PR ${i + 1}`,
    body: null,
    head: { ref: `b${i + 1}`, sha: `sha-${i + 1}` },
    base: { ref: "main" },
  }));
  const request = async (route: string, params: Record<string, unknown>) => {
    calls.push(route);
    if (route === "GET /repos/{owner}/{repo}/pulls") {
      const page = Number(params["page"]);
      const items = pulls.slice((page - 1) * 100, page * 100);
      return { data: items, headers: page * 100 < pulls.length ? { link: '<x?page=2>; rel="next"' } : {} };
    }
    if (route === "GET /repos/{owner}/{repo}/commits/{ref}/check-runs") {
      expect(params).toMatchObject({ check_name: "tasksync / gates", filter: "latest" });
      const c = conclusions[Number(String(params["ref"]).slice(4)) - 1];
      const runs =
        c === null || c === undefined
          ? []
          : [{ status: c === "in_progress" ? "in_progress" : "completed", conclusion: c === "in_progress" ? null : c }];
      return { data: { total_count: runs.length, check_runs: runs }, headers: {} };
    }
    throw new Error(`unexpected ${route}`);
  };
  return { gh: { request, graphql: async () => ({}) } as unknown as GitHubClient, calls };
}

const warnings: unknown[] = [];
const log = pino({ level: "warn" }, { write: (line: string) => warnings.push(JSON.parse(line)) });

describe("pullsToRecheck", () => {
  it.each([
    [
      "failed and neutral runs are re-checked; passed, running and never-checked ones are not",
      ["failure", "success", "neutral", "in_progress", null],
      [1, 3],
    ],
    ["no open pull request", [], []],
  ] as Array<[string, Conclusion[], number[]]>)("%s", async (_name, conclusions, expected) => {
    const { gh } = fakeGitHub(conclusions);
    expect((await pullsToRecheck(gh, { owner: "o", repo: "r" }, log)).map((p) => p.number)).toEqual(expected);
  });

  it(`stops at ${MAX_RECHECKED_PULLS} re-checks and logs it`, async () => {
    warnings.length = 0;
    const { gh, calls } = fakeGitHub(Array.from({ length: 80 }, () => "failure"));
    const chosen = await pullsToRecheck(gh, { owner: "o", repo: "r" }, log);
    expect(chosen).toHaveLength(MAX_RECHECKED_PULLS);
    expect(calls.filter((c) => c.endsWith("check-runs"))).toHaveLength(MAX_RECHECKED_PULLS);
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: expect.stringContaining("gates re-check capped"),
        rechecked: MAX_RECHECKED_PULLS,
      }),
    ]);
  });

  it(`looks at ${MAX_EXAMINED_PULLS} open pull requests at most, across pages`, async () => {
    warnings.length = 0;
    const { gh, calls } = fakeGitHub([...Array.from({ length: 150 }, () => "success" as const), "failure"]);
    expect(await pullsToRecheck(gh, { owner: "o", repo: "r" }, log)).toEqual([]);
    expect(calls.filter((c) => c.endsWith("check-runs"))).toHaveLength(MAX_EXAMINED_PULLS);
    expect(warnings).toHaveLength(1);
  });

  it("reads every page when fewer than the caps wait", async () => {
    const { gh, calls } = fakeGitHub([...Array.from({ length: 99 }, () => "success" as const), "failure"]);
    expect((await pullsToRecheck(gh, { owner: "o", repo: "r" }, log)).map((p) => p.number)).toEqual([100]);
    expect(calls.filter((c) => c.endsWith("/pulls"))).toHaveLength(1);
  });
});
