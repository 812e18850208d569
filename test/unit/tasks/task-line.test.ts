import { describe, expect, it } from "@jest/globals";
import { readListItem, readTaskHead, statusOf } from "../../../src/tasks/task-line.js";

describe("readListItem", () => {
  it.each([
    ["- [ ] T001 a", 0, 3, " ", "T001 a"],
    ["  * [X] T002 b", 2, 5, "X", "T002 b"],
    ["+ [~] T003", 0, 3, "~", "T003"],
    ["12. [x] T004 d", 0, 5, "x", "T004 d"],
    ["- **T005** — e", 0, -1, "", "**T005** — e"],
    ["- [P] tasks = different files", 0, -1, "", "[P] tasks = different files"],
  ])("%j", (text, indent, markerColumn, marker, content) => {
    expect(readListItem(text)).toMatchObject({ indent, markerColumn, marker, content });
  });

  it.each([["Task: \"T001 x\""], ["| T001 | a |"], ["-[ ] T001"], ["**T001** a"]])("%j is not a list item", (text) => {
    expect(readListItem(text)).toBeNull();
  });
});

describe("readTaskHead", () => {
  it.each([
    ["T001 [P] [US1] Create model in `src/a.ts`", { id: "T001", parallel: true, story: "US1", tags: [], description: "Create model in `src/a.ts`", boldId: false }],
    ["**T001** [P] [Setup] Create dir", { id: "T001", parallel: true, story: null, tags: ["Setup"], description: "Create dir", boldId: true }],
    ["**T002:** text", { id: "T002", parallel: false, story: null, tags: [], description: "text", boldId: true }],
    ["T003: [P] text", { id: "T003", parallel: true, story: null, tags: [], description: "text", boldId: false }],
    ["**T004** — testo", { id: "T004", parallel: false, story: null, tags: [], description: "testo", boldId: true }],
    ["T01 [depends: T00] x [y]", { id: "T01", parallel: false, story: null, tags: ["depends: T00"], description: "x [y]", boldId: false }],
  ])("%j", (content, head) => {
    expect(readTaskHead(content)).toEqual(head);
  });

  it.each([["All contracts have tests (T004-T006)"], ["TXXX [P] Documentation"], ["**T001 not closed"], ["T001abc x"], ["[P] T001 tag first"]])(
    "%j has no task id",
    (content) => {
      expect(readTaskHead(content)).toBeNull();
    },
  );
});

describe("statusOf", () => {
  it.each([
    [" ", false, "open"],
    ["x", true, "done"],
    ["X", true, "done"],
    ["~", false, "in-progress"],
    ["/", false, "in-progress"],
    ["-", false, "skipped"],
    ["?", false, "other"],
  ])("%j → checked %s, %s", (marker, checked, status) => {
    expect(statusOf(marker)).toEqual({ checked, status });
  });
});
