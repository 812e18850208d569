/** A long apply logs its progress and shows it on the tracking issue until it finishes. */
import { describe, expect, it } from "@jest/globals";
import { captureLog } from "../../../support/capture-log.js";
import type { GitHubClient } from "../../../../src/github/client.js";
import { applyPlan } from "../../../../src/reconcile/apply/apply-plan.js";
import { trackingKey } from "../../../../src/identity/marker.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import { withSyncProgress } from "../../../../src/reconcile/render/render-tracking-body.js";

const P = "specs/001-a/tasks.md";
const TRACKING = trackingKey(P);

function recorder() {
  const calls: Array<{ route: string; params: Record<string, unknown> }> = [];
  const request = async (route: string, params: Record<string, unknown>) => {
    calls.push({ route, params });
    if (route.startsWith("GET ")) return { data: { body: "Tracking body" } };
    return { data: {} };
  };
  return { gh: { request } as unknown as GitHubClient, calls };
}

const capture = captureLog;

const close = (id: string, number: number): Operation => ({
  kind: "update-issue",
  key: `${P}#${id}`,
  number,
  state: "closed",
  stateReason: "completed",
  reason: "ticked",
});

describe("sync progress", () => {
  it("renders the line with thousands separators and removes it again", () => {
    const shown = withSyncProgress("body", { done: 340, total: 1000 });
    expect(shown).toBe("**Sync in progress:** 340/1,000 tasks\n\nbody");
    expect(withSyncProgress(withSyncProgress(shown, { done: 341, total: 1000 }), null)).toBe("body");
  });

  it("every period: logs done, total and time left, and updates the tracking issue; clears the line at the end", async () => {
    const { gh, calls } = recorder();
    const { log, lines } = capture();
    const plan = {
      path: P,
      operations: [close("T001", 11), close("T002", 12)],
      refs: new Map([
        [TRACKING, { number: 1, id: 101 }],
        [`${P}#T001`, { number: 11, id: 111 }],
        [`${P}#T002`, { number: 12, id: 112 }],
      ]),
      unchanged: 0,
      blockedByErrors: false,
    };
    await applyPlan(plan, { gh, repo: { owner: "o", repo: "r" }, log, pauseMs: 0, progressEveryMs: 0 });
    const trackingBodies = calls
      .filter((c) => c.params["issue_number"] === 1 && c.route.startsWith("PATCH"))
      .map((c) => c.params["body"]);
    expect(trackingBodies).toEqual([
      "**Sync in progress:** 1/2 tasks\n\nTracking body",
      "**Sync in progress:** 2/2 tasks\n\nTracking body",
      "Tracking body",
    ]);
    const progress = lines.filter((l) => l.msg === "sync in progress");
    expect(progress.map((l) => [l.done, l.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(progress[0]).toHaveProperty("leftMs");
  });
});
