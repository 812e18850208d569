/**
 * GitHub has no compare-and-write for an issue body: apply reads a phase issue's body again just
 * before rewriting its checklist, and leaves the write out when a box changed since the plan read
 * it (that edit's own event brings the next reconcile).
 */
import { describe, expect, it } from "@jest/globals";
import { captureLog } from "../../../support/capture-log.js";
import type { GitHubClient } from "../../../../src/github/client.js";
import { applyPlan } from "../../../../src/reconcile/apply/apply-plan.js";
import type { Plan } from "../../../../src/reconcile/plan/plan-list.js";

const P = "specs/001-a/tasks.md";
const KEY = `${P}#phase:3`;
const body = (t4: boolean, t5: boolean): string =>
  [
    "<!-- tasksync:checklist -->",
    "",
    `- [${t4 ? "x" : " "}] **T004** Upload endpoint`,
    `- [${t5 ? "x" : " "}] **T005** Upload UI`,
    "",
    "<!-- /tasksync:checklist -->",
  ].join("\n");

function client(current: string) {
  const calls: Array<{ route: string; params: Record<string, unknown> }> = [];
  const request = async (route: string, params: Record<string, unknown>) => {
    calls.push({ route, params });
    return { data: route.startsWith("GET ") ? { number: 12, body: current } : {}, headers: {}, status: 200 };
  };
  return { gh: { request } as unknown as GitHubClient, calls };
}

const plan: Plan = {
  path: P,
  // planned when nothing was ticked: the file ticked T004, so the body shows it
  operations: [
    { kind: "update-issue", key: KEY, number: 12, body: body(true, false), checklistSeen: "", reason: "body changed" },
  ],
  refs: new Map([[KEY, { number: 12, id: 1012 }]]),
  unchanged: 0,
  blockedByErrors: false,
};

describe("apply: a phase body's checklist", () => {
  it("is written when it still reads as planned", async () => {
    const { gh, calls } = client(body(false, false));
    const report = await applyPlan(plan, { gh, repo: { owner: "o", repo: "r" }, log: captureLog().log, pauseMs: 0 });
    expect(calls.map((c) => c.route)).toEqual([
      "GET /repos/{owner}/{repo}/issues/{issue_number}",
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
    ]);
    expect(calls[1]?.params).toMatchObject({ issue_number: 12, body: body(true, false) });
    expect(report.skipped).toEqual([]);
  });

  it("is left alone when someone ticked a box since it was read: that tick is not overwritten", async () => {
    const { gh, calls } = client(body(false, true));
    const report = await applyPlan(plan, { gh, repo: { owner: "o", repo: "r" }, log: captureLog().log, pauseMs: 0 });
    expect(calls.map((c) => c.route)).toEqual(["GET /repos/{owner}/{repo}/issues/{issue_number}"]);
    expect(report.skipped).toEqual([
      { op: expect.stringContaining("#12"), why: "its checklist was edited on GitHub since it was read" },
    ]);
  });
});
