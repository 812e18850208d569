import { describe, expect, it } from "@jest/globals";
import { applyTicks } from "../../../../../src/reconcile/apply/file/apply-ticks.js";
import { diffOffsets } from "../../../../support/text-diff.js";

const PATH = "specs/001-photo-albums/tasks.md";

const LIST = [
  "# Tasks: Photo Albums",
  "",
  "## Phase 1: Setup",
  "",
  "- [ ] T001 Create project structure",
  "- [x] T002 [P] Configure linting",
  "- [ ] T003 Define the model",
  "",
].join("\n");

const CAPITALS = LIST.replace("- [x] T002", "- [X] T002");
const CRLF = LIST.replace(/\n/g, "\r\n");

describe("applyTicks", () => {
  it.each([
    {
      name: "tick",
      text: LIST,
      changes: [{ taskId: "T001", issueNumber: 1, checked: true }],
      ticked: ["T001"],
      unticked: [],
      marker: "x",
    },
    {
      name: "tick in a file using [X]",
      text: CAPITALS,
      changes: [{ taskId: "T003", issueNumber: 3, checked: true }],
      ticked: ["T003"],
      unticked: [],
      marker: "X",
    },
    {
      name: "untick",
      text: LIST,
      changes: [{ taskId: "T002", issueNumber: 2, checked: false }],
      ticked: [],
      unticked: ["T002"],
      marker: " ",
    },
    {
      name: "tick with CRLF line ends",
      text: CRLF,
      changes: [{ taskId: "T003", issueNumber: 3, checked: true }],
      ticked: ["T003"],
      unticked: [],
      marker: "x",
    },
  ])("$name changes exactly one character", ({ text, changes, ticked, unticked, marker }) => {
    const result = applyTicks(PATH, text, changes);
    expect(result.ticked).toEqual(ticked);
    expect(result.unticked).toEqual(unticked);
    const offsets = diffOffsets(text, result.text);
    expect(offsets).toHaveLength(1);
    expect(result.text[offsets[0] as number]).toBe(marker);
    expect(result.text.length).toBe(text.length);
  });

  it("leaves a box that already says what the issue says, and reports no change", () => {
    const result = applyTicks(PATH, LIST, [
      { taskId: "T002", issueNumber: 2, checked: true },
      { taskId: "T001", issueNumber: 1, checked: false },
    ]);
    expect(result.text).toBe(LIST);
    expect(result.changed).toEqual([]);
    expect(result.missing).toEqual([]);
  });

  it("finds tasks by id after their lines moved, and names them in document order", () => {
    const moved = LIST.replace(
      "## Phase 1: Setup\n",
      "## Phase 1: Setup\n\nSome new intro text.\n\n- [ ] T000 A new first task\n",
    );
    const result = applyTicks(PATH, moved, [
      { taskId: "T003", issueNumber: 3, checked: true },
      { taskId: "T001", issueNumber: 1, checked: true },
    ]);
    expect(result.ticked).toEqual(["T001", "T003"]);
    expect(result.text).toContain("- [x] T001 Create");
    expect(result.text).toContain("- [x] T003 Define");
    expect(result.text).toContain("- [ ] T000 A new");
    expect(diffOffsets(moved, result.text)).toHaveLength(2);
  });

  it("reports a task that left the list and applies the others", () => {
    const result = applyTicks(PATH, LIST, [
      { taskId: "T009", issueNumber: 9, checked: true },
      { taskId: "T001", issueNumber: 1, checked: true },
    ]);
    expect(result.missing).toEqual([{ taskId: "T009", issueNumber: 9, checked: true, reason: "not-in-list" }]);
    expect(result.ticked).toEqual(["T001"]);
  });

  it("reports a task without a checkbox", () => {
    const text = "# Tasks\n\n## Phase 1: Setup\n\n- **T001** — Baseline: `npm test`.\n- [ ] T002 Other\n";
    const result = applyTicks(PATH, text, [{ taskId: "T001", issueNumber: 1, checked: true }]);
    expect(result.missing).toEqual([{ taskId: "T001", issueNumber: 1, checked: true, reason: "no-checkbox" }]);
    expect(result.text).toBe(text);
  });
});
