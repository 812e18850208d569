import { describe, expect, it } from "@jest/globals";
import { textHash } from "../../../../../src/identity/task-text.js";
import { applyTicks } from "../../../../../src/reconcile/apply/file/apply-ticks.js";

const PATH = "specs/001-a/tasks.md";
const BEFORE = "## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [ ] T002 Add linting\n";
// a regenerated list: a new T001 was inserted, "Add linting" is now T003
const AFTER =
  "## Phase 1: Setup\n\n- [ ] T001 Choose a licence\n- [ ] T002 Create the project\n- [ ] T003 Add linting\n";

describe("applyTicks after the ids shifted", () => {
  it("ticks the task the issue's marker text names, not whatever now has its old id", () => {
    const result = applyTicks(PATH, AFTER, [
      { taskId: "T002", issueNumber: 5, text: textHash("Add linting"), checked: true },
    ]);
    expect(result.ticked).toEqual(["T003"]);
    expect(result.text).toBe(AFTER.replace("- [ ] T003", "- [x] T003"));
  });

  it("keeps the id when it still names the same text, or when no task has that text (an edit)", () => {
    expect(
      applyTicks(PATH, BEFORE, [{ taskId: "T002", issueNumber: 5, text: textHash("Add linting"), checked: true }])
        .ticked,
    ).toEqual(["T002"]);
    expect(
      applyTicks(PATH, BEFORE, [{ taskId: "T002", issueNumber: 5, text: textHash("Add the linter"), checked: true }])
        .ticked,
    ).toEqual(["T002"]);
  });
});
