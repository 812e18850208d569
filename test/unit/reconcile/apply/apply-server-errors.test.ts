/** A 5xx storm does not end a sync: idempotent writes wait and go again; creates are never resent. */
import { describe, expect, it } from "@jest/globals";
import pino from "pino";
import type { GitHubClient } from "../../../../src/github/client.js";
import { applyPlan } from "../../../../src/reconcile/apply/apply-plan.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import type { Plan } from "../../../../src/reconcile/plan/plan-list.js";

const P = "specs/001-a/tasks.md";
const log = pino({ level: "silent" });

/** Answers 502 to the first `failures` requests, then succeeds. */
function stormyClient(failures: number, headers: Record<string, string> = {}) {
  const routes: string[] = [];
  const request = async (route: string) => {
    routes.push(route);
    if (routes.length <= failures)
      throw Object.assign(new Error("Bad Gateway"), {
        status: 502,
        response: { headers, data: { message: "Bad Gateway" } },
      });
    return { data: { number: 9, id: 99, node_id: "I_9" } };
  };
  return { gh: { request } as unknown as GitHubClient, routes };
}

const plan = (operations: Operation[]): Plan => ({
  path: P,
  operations,
  refs: new Map([[`${P}#T001`, { number: 3, id: 33 }]]),
  unchanged: 0,
  blockedByErrors: false,
});

describe("server errors during apply", () => {
  it("waits out a storm of 502s on an update and sends the same update again", async () => {
    const { gh, routes } = stormyClient(4);
    const close: Operation = {
      kind: "update-issue",
      key: `${P}#T001`,
      number: 3,
      state: "closed",
      stateReason: "completed",
      reason: "ticked",
    };
    const report = await applyPlan(plan([close]), {
      gh,
      repo: { owner: "o", repo: "r" },
      log,
      pauseMs: 0,
      serverErrorDelayMs: 1,
    });
    expect(routes).toHaveLength(5);
    expect(report.closed).toBe(1);
  });

  it("honours retry-after on a 5xx", async () => {
    const { gh } = stormyClient(1, { "retry-after": "0.05" });
    const started = Date.now();
    const label: Operation = {
      kind: "ensure-label",
      name: "tasksync",
      color: "5319e7",
      exists: false,
      reason: "missing",
    };
    await applyPlan(plan([label]), {
      gh,
      repo: { owner: "o", repo: "r" },
      log,
      pauseMs: 0,
      serverErrorDelayMs: 10_000,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("never resends a create that failed without an answer", async () => {
    const { gh, routes } = stormyClient(1);
    const create: Operation = {
      kind: "create-issue",
      key: `${P}#T002`,
      title: "T002",
      body: "b",
      labels: [],
      reason: "no issue yet",
    };
    await expect(
      applyPlan(plan([create]), { gh, repo: { owner: "o", repo: "r" }, log, pauseMs: 0, serverErrorDelayMs: 1 }),
    ).rejects.toMatchObject({ status: 502 });
    expect(routes).toEqual(["POST /repos/{owner}/{repo}/issues"]);
  });
});
