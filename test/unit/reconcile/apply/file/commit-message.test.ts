import { describe, expect, it } from "@jest/globals";
import { commitMessage, MAX_IDS_IN_SUBJECT } from "../../../../../src/reconcile/apply/file/commit-message.js";

const PATH = "specs/001-photo-albums/tasks.md";
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `T${String(i + 1).padStart(3, "0")}`);

describe("commitMessage", () => {
  it.each([
    { ticked: ["T003"], unticked: [], message: `Tick T003 in ${PATH}` },
    { ticked: ["T003", "T004"], unticked: [], message: `Tick T003, T004 in ${PATH}` },
    { ticked: [], unticked: ["T005"], message: `Untick T005 in ${PATH}` },
    { ticked: [], unticked: ["T005", "T006"], message: `Untick T005, T006 in ${PATH}` },
    { ticked: ["T003"], unticked: ["T005"], message: `Tick T003 and untick T005 in ${PATH}` },
    {
      ticked: ["T003", "T004"],
      unticked: ["T005", "T007"],
      message: `Tick T003, T004 and untick T005, T007 in ${PATH}`,
    },
    {
      ticked: ids(MAX_IDS_IN_SUBJECT + 4),
      unticked: [],
      message: `Tick ${ids(MAX_IDS_IN_SUBJECT).join(", ")} (+4 more) in ${PATH}`,
    },
    { ticked: ids(MAX_IDS_IN_SUBJECT), unticked: [], message: `Tick ${ids(MAX_IDS_IN_SUBJECT).join(", ")} in ${PATH}` },
  ])("ticked $ticked, unticked $unticked → $message", ({ ticked, unticked, message }) => {
    expect(commitMessage(PATH, ticked, unticked)).toBe(message);
  });

  it("refuses to describe an empty change", () => {
    expect(() => commitMessage(PATH, [], [])).toThrow("nothing ticked or unticked");
  });
});
