import { describe, expect, it } from "@jest/globals";
import type { TrackedIssue } from "../../../../src/reconcile/observe/tracked-issues.js";
import { planProjectNotices, renderProjectNotice } from "../../../../src/reconcile/projects/project-notice.js";
import { describeProjectOperation } from "../../../../src/reconcile/projects/project-plan.js";

const tracking = (number: number): TrackedIssue => ({
  key: `specs/00${number}/tasks.md#feature`,
  marker: { kind: "tracking", path: `specs/00${number}/tasks.md` },
  number,
  id: number,
  nodeId: `I_${number}`,
  title: "Tasks",
  body: "",
  state: "open",
  stateReason: null,
  labels: ["tasksync"],
  parentNumber: null,
  blockedByTotal: 0,
  htmlUrl: "",
  author: "tasksync[bot]",
  createdAt: null,
});

describe("planProjectNotices", () => {
  const body = renderProjectNotice("acme/1", ["the Status field has no Ready option"]);
  const a = tracking(1);
  const b = tracking(2);
  const c = tracking(3);

  it("posts where there is no notice, updates one that says something else, leaves one that says it", () => {
    const ops = planProjectNotices(
      new Map([
        [a, null],
        [b, { id: 77, body: renderProjectNotice("acme/1", ["an older note"]) }],
        [c, { id: 78, body }],
      ]),
      body,
    );
    expect(ops).toEqual([
      expect.objectContaining({ kind: "project-notice", key: a.key, issueNumber: 1, commentId: null, body }),
      expect.objectContaining({ kind: "project-notice", key: b.key, issueNumber: 2, commentId: 77, body }),
    ]);
    expect(ops.map(describeProjectOperation)).toEqual([
      `comment the project notice on #1 [${a.key}]`,
      `update the project notice 77 on #2 [${b.key}]`,
    ]);
  });

  it("plans nothing when every tracking issue says it already", () => {
    expect(planProjectNotices(new Map([[a, { id: 5, body }]]), body)).toEqual([]);
  });
});
