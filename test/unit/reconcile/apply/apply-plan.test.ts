import { describe, expect, it } from "@jest/globals";
import { captureLog } from "../../../support/capture-log.js";
import type { GitHubClient } from "../../../../src/github/client.js";
import { capabilitiesFor } from "../../../../src/github/host-capabilities.js";
import { applyPlan } from "../../../../src/reconcile/apply/apply-plan.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import type { Plan } from "../../../../src/reconcile/plan/plan-list.js";

const P = "specs/001-a/tasks.md";

/** A client that records each request and answers from a script (an Error-like object throws). */
function fakeClient(answer: (route: string, params: Record<string, unknown>) => unknown) {
  const calls: Array<{ route: string; params: Record<string, unknown> }> = [];
  const request = async (route: string, params: Record<string, unknown>) => {
    calls.push({ route, params });
    const result = answer(route, params);
    if (result instanceof Error) throw result;
    return { data: result, headers: {}, status: 200 };
  };
  return { gh: { request } as unknown as GitHubClient, calls };
}

function httpError(status: number, message: string, errors: unknown[] = []): Error {
  return Object.assign(new Error(message), { status, response: { data: { message, errors } } });
}

const capture = captureLog;

const plan = (operations: Operation[], refs: Array<[string, number, number]> = []): Plan => ({
  path: P,
  operations,
  refs: new Map(refs.map(([key, number, id]) => [key, { number, id }])),
  unchanged: 0,
  blockedByErrors: false,
});

describe("applyPlan", () => {
  it("on a host without GraphQL sub-issues: creates, then links with the new issue's database id (not its number), logging one line per operation", async () => {
    const { gh, calls } = fakeClient((route) =>
      route.startsWith("POST /repos/{owner}/{repo}/issues") && !route.includes("{issue_number}")
        ? { number: 7, id: 70007 }
        : {},
    );
    const { log, lines } = capture();
    const report = await applyPlan(
      plan(
        [
          {
            kind: "create-issue",
            key: `${P}#T002`,
            title: "T002 b",
            body: "b",
            labels: ["tasksync"],
            reason: "no issue yet",
          },
          {
            kind: "add-sub-issue",
            key: `${P}#T002`,
            parentKey: `${P}#phase:1`,
            replaceParent: false,
            reason: "it has no parent yet",
          },
          { kind: "add-blocked-by", key: `${P}#T002`, blockerKey: `${P}#T001`, reason: "the task list says so" },
        ],
        [
          [`${P}#phase:1`, 2, 20002],
          [`${P}#T001`, 3, 30003],
        ],
      ),
      {
        gh,
        repo: { owner: "o", repo: "r" },
        log,
        pauseMs: 0,
        host: { ...capabilitiesFor(null), graphqlSubIssues: false },
      },
    );
    expect(calls.map((c) => c.route)).toEqual([
      "POST /repos/{owner}/{repo}/issues",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
    ]);
    expect(calls[1]?.params).toMatchObject({ issue_number: 2, sub_issue_id: 70007 });
    expect(calls[2]?.params).toMatchObject({ issue_number: 7, issue_id: 30003 });
    expect(report).toMatchObject({ created: 1, linked: 2, writes: 3 });
    expect(lines.map((l) => [l.op, l.task, l.msg])).toEqual([
      ["create-issue", "T002", `create issue "T002 b" [${P}#T002]`],
      ["add-sub-issue", "T002", `make [${P}#T002] a sub-issue of [${P}#phase:1]`],
      ["add-blocked-by", "T002", `link [${P}#T002] as blocked by [${P}#T001]`],
    ]);
  });

  it("treats known answers as GitHub means them and lets the rest fail the job", async () => {
    const ops: Operation[] = [
      { kind: "ensure-label", name: "tasksync", color: "5319e7", exists: false, reason: "label is missing" },
      { kind: "add-blocked-by", key: `${P}#T002`, blockerKey: `${P}#T001`, reason: "x" },
      { kind: "add-sub-issue", key: `${P}#T002`, parentKey: `${P}#phase:1`, replaceParent: false, reason: "x" },
      { kind: "remove-blocked-by", key: `${P}#T002`, blockerKey: `${P}#T003`, blockerId: 40004, reason: "x" },
    ];
    const refs: Array<[string, number, number]> = [
      [`${P}#T001`, 3, 30003],
      [`${P}#T002`, 7, 70007],
      [`${P}#phase:1`, 2, 20002],
    ];
    const { gh } = fakeClient((route) => {
      if (route.endsWith("/labels"))
        return httpError(422, "Validation Failed", [{ resource: "Label", code: "already_exists", field: "name" }]);
      if (route.endsWith("/blocked_by")) return httpError(422, "Issue dependency already exists");
      if (route.endsWith("/sub_issues")) return httpError(422, "Parent cannot have more than 100 sub-issues");
      return httpError(404, "Not Found");
    });
    const { log, lines } = capture();
    const report = await applyPlan(plan(ops, refs), { gh, repo: { owner: "o", repo: "r" }, log, pauseMs: 0 });
    expect(report.skipped).toEqual([
      { op: `make [${P}#T002] a sub-issue of [${P}#phase:1]`, why: "Parent cannot have more than 100 sub-issues" },
    ]);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual(["GitHub refused a link"]);

    const failing = fakeClient(() => httpError(502, "Bad Gateway"));
    await expect(
      applyPlan(plan([ops[1] as Operation], refs), {
        gh: failing.gh,
        repo: { owner: "o", repo: "r" },
        log,
        pauseMs: 0,
        serverErrorDelayMs: 0,
      }),
    ).rejects.toMatchObject({ status: 502 });
  });
});
