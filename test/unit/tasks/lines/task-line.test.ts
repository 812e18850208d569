import { describe, expect, it } from "@jest/globals";
import { readListItem, readTaskHead, statusOf } from "../../../../src/tasks/lines/task-line.js";

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

  it.each([['Task: "T001 x"'], ["| T001 | a |"], ["-[ ] T001"], ["**T001** a"]])("%j is not a list item", (text) => {
    expect(readListItem(text)).toBeNull();
  });
});

describe("readTaskHead", () => {
  it.each([
    [
      "T001 [P] [US1] Create model in `src/a.ts`",
      { id: "T001", parallel: true, story: "US1", tags: [], description: "Create model in `src/a.ts`", boldId: false },
    ],
    [
      "**T001** [P] [Setup] Create dir",
      { id: "T001", parallel: true, story: null, tags: ["Setup"], description: "Create dir", boldId: true },
    ],
    ["**T002:** text", { id: "T002", parallel: false, story: null, tags: [], description: "text", boldId: true }],
    ["T003: [P] text", { id: "T003", parallel: true, story: null, tags: [], description: "text", boldId: false }],
    ["**T004** — testo", { id: "T004", parallel: false, story: null, tags: [], description: "testo", boldId: true }],
    [
      "T01 [depends: T00] x [y]",
      { id: "T01", parallel: false, story: null, tags: ["depends: T00"], description: "x [y]", boldId: false },
    ],
    [
      "T021B Second part",
      { id: "T021B", parallel: false, story: null, tags: [], description: "Second part", boldId: false },
    ],
    [
      "T050-alt [P] Other way",
      { id: "T050-alt", parallel: true, story: null, tags: [], description: "Other way", boldId: false },
    ],
    [
      "TASK-007: Wire it",
      { id: "TASK-007", parallel: false, story: null, tags: [], description: "Wire it", boldId: false },
    ],
    ["T-014 Tidy", { id: "T-014", parallel: false, story: null, tags: [], description: "Tidy", boldId: false }],
    [
      "[API-003] Endpoint",
      { id: "API-003", parallel: false, story: null, tags: [], description: "Endpoint", boldId: false },
    ],
    [
      "**T003 [P]** Contract test",
      { id: "T003", parallel: true, story: null, tags: [], description: "Contract test", boldId: true },
    ],
    [
      "~~T004~~ **NOT NEEDED**",
      {
        id: "T004",
        parallel: false,
        story: null,
        tags: [],
        description: "**NOT NEEDED**",
        boldId: false,
        struck: true,
      },
    ],
    [
      "T040-T044 DROPPED",
      { id: "T040", parallel: false, story: null, tags: [], description: "DROPPED", boldId: false, rangeTo: "T044" },
    ],
  ])("%j", (content, head) => {
    expect(readTaskHead(content)).toEqual({ assignees: [], ...head });
  });

  it.each([
    ["All contracts have tests (T004-T006)"],
    ["TXXX [P] Documentation"],
    ["**T001 not closed"],
    ["T001abc x"],
    ["[P] T001 tag first"],
    ["1.1 numbered without the option"],
  ])("%j has no task id", (content) => {
    expect(readTaskHead(content)).toBeNull();
  });
});

describe("readTaskHead with numbered ids (checkbox items of Kiro and OpenSpec lists)", () => {
  it.each([
    ["1. Set up the project", "1", false],
    ["2.3 Write the tests", "2.3", false],
    ["1.1.2 Deep step", "1.1.2", false],
    ["2.3* Optional extras", "2.3", true],
  ])("%j → %s", (content, id, optional) => {
    const head = readTaskHead(content, { numbered: true });
    expect({ id: head?.id, numbered: head?.numbered, optional: head?.optional === true }).toEqual({
      id,
      numbered: true,
      optional,
    });
  });

  it.each([["2 tests pass"], ["1.1.x not a number"]])("%j has no numbered id", (content) => {
    expect(readTaskHead(content, { numbered: true })).toBeNull();
  });
});

describe("statusOf", () => {
  it.each([
    [" ", "", false, "open"],
    ["x", "", true, "done"],
    ["X", "", true, "done"],
    ["/", "", false, "in-progress"],
    ["~", "", false, "dropped"],
    ["-", "", false, "dropped"],
    ["~", "Create the DO (SKIPPED - requires @atproto/repo)", false, "dropped"],
    ["~", "Convert the pages; `/errors` deferred to Task 3.3", false, "in-progress"],
    ["~", "部分完成，如实记录", false, "in-progress"],
    ["-", "Superseded by T020", false, "dropped"],
    ["x", "~~T004~~ **НЕ ТРЕБУЕТСЯ**", true, "dropped"],
    ["x", "~~Configure the client~~ **REMOVED**", true, "dropped"],
    ["x", "~~Extend the helper~~ done another way", true, "done"],
    ["?", "", false, "other"],
  ])("%j with %j → checked %s, %s", (marker, text, checked, status) => {
    expect(statusOf(marker, text)).toEqual({ checked, status });
  });

  it("reads Kiro's [-] as in progress", () => {
    expect(statusOf("-", "Set up auth", true)).toEqual({ checked: false, status: "in-progress" });
  });
});
