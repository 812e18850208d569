import { describe, expect, it } from "@jest/globals";
import type { TrackedIssue } from "../../../../src/reconcile/observe/tracked-issues.js";
import { planUnlink, unlinkPlan } from "../../../../src/reconcile/plan/plan-unlink.js";
import { describeOperation } from "../../../../src/reconcile/operations.js";

const PATH = "specs/001-a/tasks.md";

function issue(number: number, state: "open" | "closed", labels: string[]): TrackedIssue {
  return {
    key: `${PATH}#T00${number}`,
    marker: { kind: "task", path: PATH, id: `T00${number}`, text: "x" },
    number,
    id: number * 10,
    nodeId: `I_${number}`,
    title: `T00${number} x`,
    body: "",
    state,
    stateReason: null,
    labels,
    parentNumber: null,
    blockedByTotal: 0,
    htmlUrl: `https://github.com/o/r/issues/${number}`,
    author: "tasksync[bot]",
    createdAt: null,
  };
}

describe("planUnlink", () => {
  it("closes an open issue as not planned and keeps every label but tasksync's, in any case", () => {
    const ops = planUnlink([issue(1, "open", ["TaskSync", "bug", "tasksync:ready"])], "tasksync");
    expect(ops).toEqual([
      {
        kind: "update-issue",
        key: `${PATH}#T001`,
        number: 1,
        labels: ["bug", "tasksync:ready"],
        state: "closed",
        stateReason: "not_planned",
        reason: 'tasksync unlink: close as not planned and remove label "tasksync"',
      },
    ]);
    expect(describeOperation(ops[0]!)).toBe(`update #1: close (not_planned), labels [${PATH}#T001]`);
  });

  it("only takes the label off a closed issue: its state and reason stay", () => {
    const [op] = planUnlink([issue(2, "closed", ["tasksync"])], "tasksync");
    expect(op).toMatchObject({ number: 2, labels: [] });
    expect(op).not.toHaveProperty("state");
    expect(op).not.toHaveProperty("stateReason");
  });

  it("keeps the order of the issues and names each by number, so the plan needs no refs", () => {
    const ops = planUnlink([issue(3, "open", ["tasksync"]), issue(1, "closed", ["tasksync"])], "tasksync");
    expect(ops.map((o) => o.number)).toEqual([3, 1]);
    const plan = unlinkPlan(ops);
    expect(plan.operations).toBe(ops);
    expect(plan.refs.size).toBe(0);
  });
});
