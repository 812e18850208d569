import { describe, expect, it } from "@jest/globals";
import { DoneTasks } from "../../../../src/gates/rules/done-tasks.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const PATH = "specs/001-a/tasks.md";
const LIST = [
  "# Tasks: A",
  "",
  "## Phase 1: Setup",
  "",
  "- [x] T001 Ticked",
  "- [~] T002 ~~Old approach~~ DROPPED",
  "- [ ] T003 Open",
  "- [ ] T004 Closed on GitHub",
  "",
].join("\n");

describe("DoneTasks", () => {
  it("counts ticked, dropped (not planned) and completed-issue tasks as done, and nothing else", () => {
    const doc = parseTaskList(PATH, LIST);
    expect(doc.tasks.map((t) => t.status)).toEqual(["done", "dropped", "open", "open"]);
    const done = new DoneTasks([{ path: PATH, base: doc, head: doc, changed: false }], new Set([`${PATH}#T004`]));
    expect(["T001", "T002", "T003", "T004"].map((id) => done.isDone(PATH, id))).toEqual([true, true, false, true]);
  });
});
