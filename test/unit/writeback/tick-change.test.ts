import { describe, expect, it } from "@jest/globals";
import { checkboxChangeOf, checkboxChanges, issueChange, type IssueChange, type OnNotPlanned } from "../../../src/writeback/tick-change.js";

describe("issueChange", () => {
  it.each([
    { action: "closed", reason: "completed", change: "completed" },
    { action: "closed", reason: null, change: "completed" },
    { action: "closed", reason: undefined, change: "completed" },
    { action: "closed", reason: "not_planned", change: "not_planned" },
    { action: "closed", reason: "duplicate", change: "not_planned" },
    { action: "reopened", reason: "reopened", change: "reopened" },
    { action: "reopened", reason: null, change: "reopened" },
  ] as const)("$action with state_reason $reason → $change", ({ action, reason, change }) => {
    expect(issueChange(action, reason)).toBe(change);
  });
});

describe("checkboxChangeOf", () => {
  it.each<{ change: IssueChange; onNotPlanned: OnNotPlanned; checked: boolean | null }>([
    { change: "completed", onNotPlanned: "keep", checked: true },
    { change: "completed", onNotPlanned: "tick", checked: true },
    { change: "reopened", onNotPlanned: "keep", checked: false },
    { change: "reopened", onNotPlanned: "tick", checked: false },
    { change: "not_planned", onNotPlanned: "keep", checked: null },
    { change: "not_planned", onNotPlanned: "tick", checked: true },
  ])("$change with onNotPlanned $onNotPlanned → checked $checked", ({ change, onNotPlanned, checked }) => {
    const result = checkboxChangeOf({ taskId: "T003", issueNumber: 12, change }, onNotPlanned);
    expect(result).toEqual(checked === null ? null : { taskId: "T003", issueNumber: 12, checked });
  });

  it("drops the kept ones from a batch and keeps the order of the rest", () => {
    const changes = checkboxChanges(
      [
        { taskId: "T004", issueNumber: 13, change: "completed" },
        { taskId: "T005", issueNumber: 14, change: "not_planned" },
        { taskId: "T003", issueNumber: 12, change: "reopened" },
      ],
      "keep",
    );
    expect(changes).toEqual([
      { taskId: "T004", issueNumber: 13, checked: true },
      { taskId: "T003", issueNumber: 12, checked: false },
    ]);
  });
});
