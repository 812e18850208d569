/** The apply step's create path: one GraphQL request per new issue, and the fallbacks. */
import { describe, expect, it } from "@jest/globals";
import { captureLog } from "../../../support/capture-log.js";
import type { GitHubClient } from "../../../../src/github/client.js";
import { capabilitiesFor } from "../../../../src/github/host-capabilities.js";
import { applyPlan } from "../../../../src/reconcile/apply/apply-plan.js";
import { issueToken } from "../../../../src/reconcile/render/issue-ref-tokens.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import type { Plan } from "../../../../src/reconcile/plan/plan-list.js";

const P = "specs/001-a/tasks.md";
const PHASE = `${P}#phase:1`;

interface Call {
  kind: "rest" | "graphql";
  route: string;
  params: Record<string, unknown>;
}

/** A client that records requests; GraphQL createIssue answers `graphqlAnswer` (an Error throws). */
function fakeClient(graphqlAnswer: (vars: Record<string, unknown>) => unknown) {
  const calls: Call[] = [];
  let next = 10;
  const request = async (route: string, params: Record<string, unknown>) => {
    calls.push({ kind: "rest", route, params });
    if (route === "GET /repos/{owner}/{repo}") return { data: { node_id: "R_1" } };
    if (route === "POST /repos/{owner}/{repo}/issues")
      return { data: { number: next, id: 1000 + next, node_id: `I_${next++}` } };
    return { data: {} };
  };
  const graphql = async (query: string, vars: Record<string, unknown>) => {
    calls.push({ kind: "graphql", route: query.includes("createIssue") ? "createIssue" : "addSubIssue", params: vars });
    const answer = graphqlAnswer(vars);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { gh: { request, graphql } as unknown as GitHubClient, calls };
}

const capture = captureLog;

const ops = (body = "b"): Operation[] => [
  { kind: "create-issue", key: `${P}#T001`, title: "T001 a", body, labels: ["tasksync"], reason: "no issue yet" },
  { kind: "create-issue", key: `${P}#T002`, title: "T002 b", body: "b", labels: ["tasksync"], reason: "no issue yet" },
  { kind: "add-sub-issue", key: `${P}#T001`, parentKey: PHASE, replaceParent: false, reason: "it has no parent yet" },
  { kind: "add-sub-issue", key: `${P}#T002`, parentKey: PHASE, replaceParent: false, reason: "it has no parent yet" },
];
const plan = (operations: Operation[]): Plan => ({
  path: P,
  operations,
  refs: new Map([[PHASE, { number: 2, id: 1002, nodeId: "I_PHASE" }]]),
  unchanged: 0,
  blockedByErrors: false,
});
const created = (vars: Record<string, unknown>) => ({
  createIssue: { issue: { id: `I_${String(vars["title"])}`, databaseId: 7, number: 7 } },
});
const repo = { owner: "o", repo: "r" };
const labelIds = new Map([["tasksync", "LA_1"]]);

describe("creating issues under their parent", () => {
  it("on github.com: one createIssue per issue, with parent and label ids, never retried automatically", async () => {
    const { gh, calls } = fakeClient(created);
    const { log } = capture();
    const report = await applyPlan(plan(ops()), { gh, repo, log, pauseMs: 0, labelIds, host: capabilitiesFor(null) });
    const writes = calls.filter((c) => !c.route.startsWith("GET "));
    expect(writes.map((c) => c.route)).toEqual(["createIssue", "createIssue"]);
    expect(writes[0]?.params).toMatchObject({
      repositoryId: "R_1",
      parentIssueId: "I_PHASE",
      labelIds: ["LA_1"],
      request: { retries: 0 },
    });
    expect(report).toMatchObject({ created: 2, linked: 2, writes: 2 });
  });

  it("falls back to REST create + link when the host does not know parentIssueId, and says so once", async () => {
    const unknown = Object.assign(new Error("schema"), {
      errors: [
        {
          message: "InputObject 'CreateIssueInput' doesn't accept argument 'parentIssueId'",
          extensions: { code: "argumentNotAccepted" },
        },
      ],
    });
    const { gh, calls } = fakeClient(() => unknown);
    const { log, lines } = capture();
    const host = capabilitiesFor(null);
    const report = await applyPlan(plan(ops()), { gh, repo, log, pauseMs: 0, labelIds, host });
    expect(calls.filter((c) => !c.route.startsWith("GET ")).map((c) => c.route)).toEqual([
      "createIssue",
      "POST /repos/{owner}/{repo}/issues",
      "POST /repos/{owner}/{repo}/issues",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
    ]);
    expect(host.graphqlSubIssues).toBe(false);
    expect(lines.filter((l) => l.level === 40).map((l) => l.capability)).toEqual(["graphqlSubIssues"]);
    expect(report).toMatchObject({ created: 2, linked: 2 });
  });

  it("an ambiguous failure of createIssue propagates: it is never resent", async () => {
    const { gh, calls } = fakeClient(() => Object.assign(new Error("Bad Gateway"), { status: 502 }));
    const { log } = capture();
    await expect(applyPlan(plan(ops()), { gh, repo, log, pauseMs: 0, labelIds })).rejects.toMatchObject({
      status: 502,
    });
    expect(calls.filter((c) => c.route === "createIssue")).toHaveLength(1);
    expect(calls.filter((c) => c.route === "POST /repos/{owner}/{repo}/issues")).toHaveLength(0);
  });

  it("a GHES whose dependency endpoint answers 404 though its version should have it: the capability is dropped for the host (its next plans name blockers in the body), said once", async () => {
    const calls: string[] = [];
    const request = async (route: string) => {
      calls.push(route);
      throw Object.assign(new Error("Not Found"), { status: 404, response: { data: { message: "Not Found" } } });
    };
    const gh = { request } as unknown as GitHubClient;
    const { log, lines } = capture();
    const host = capabilitiesFor("3.19");
    const link = (key: string): Operation => ({
      kind: "add-blocked-by",
      key: `${P}#${key}`,
      blockerKey: `${P}#T001`,
      reason: "the task list says so",
    });
    const refs = new Map([
      [`${P}#T001`, { number: 1, id: 11 }],
      [`${P}#T002`, { number: 2, id: 12 }],
      [`${P}#T003`, { number: 3, id: 13 }],
    ]);
    const report = await applyPlan(
      { ...plan([link("T002"), link("T003")]), refs },
      { gh, repo, log, pauseMs: 0, host },
    );
    expect(calls).toHaveLength(1); // the second link is not tried against a host that said no
    expect(host.dependencies).toBe(false);
    expect(lines.filter((l) => l.level === 40).map((l) => l.capability)).toEqual(["dependencies"]);
    expect(report.linked).toBe(0);
  });

  it("a body naming an issue created later in the plan is completed by one more write", async () => {
    const { gh, calls } = fakeClient(created);
    const { log } = capture();
    const report = await applyPlan(plan(ops(`Blocked by ${issueToken(`${P}#T002`)}`)), {
      gh,
      repo,
      log,
      pauseMs: 0,
      labelIds,
    });
    const patch = calls.find((c) => c.route === "PATCH /repos/{owner}/{repo}/issues/{issue_number}");
    expect(patch?.params).toMatchObject({ body: "Blocked by #7" });
    expect(report.writes).toBe(3);
  });
});
