import { describe, expect, it } from "@jest/globals";
import { taskReadiness } from "../../../../src/tasks/graph/readiness.js";
import type { Task, TaskDocument } from "../../../../src/tasks/model.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

/** The ready tasks' ids, in document order. */
const readyTaskIds = (doc: TaskDocument, isDone?: (task: Task) => boolean): string[] => {
  const readiness = taskReadiness(doc, isDone);
  return doc.tasks.filter((t) => readiness.get(t.id) === "ready").map((t) => t.id);
};

const PATH = "specs/001-photos/tasks.md";
const list = (setupDone: boolean, t003Done: boolean) =>
  [
    "# Tasks: Photos",
    "",
    "## Phase 1: Setup",
    "",
    `- [${setupDone ? "x" : " "}] T001 Create the project`,
    "",
    "## Phase 2: User Story 1 - Upload (Priority: P1)",
    "",
    "- [ ] T002 [US1] Add the upload form",
    `- [${t003Done ? "x" : " "}] T003 [US1] Store the photo`,
    "- [ ] T004 [US1] Show the photo (depends on T003)",
    "- [~] T005 [US1] Old thumbnail work, DROPPED",
    "- [ ] T006 [US1] Thumbnails (after T005)",
    "",
  ].join("\n");

describe("ready tasks", () => {
  it("holds back a phase's tasks until the phase it waits for is done", () => {
    const doc = parseTaskList(PATH, list(false, false));
    expect(readyTaskIds(doc)).toEqual(["T001"]);
    const readiness = taskReadiness(doc);
    expect(readiness.get("T002")).toBe("blocked");
    expect(readiness.get("T005")).toBe("done");
  });

  it("makes a task ready when its own blockers are settled, and a dropped blocker blocks nothing", () => {
    expect(readyTaskIds(parseTaskList(PATH, list(true, false)))).toEqual(["T002", "T003", "T006"]);
    expect(readyTaskIds(parseTaskList(PATH, list(true, true)))).toEqual(["T002", "T004", "T006"]);
  });

  it("counts a task as settled when the caller says so (an issue closed before the tick)", () => {
    const doc = parseTaskList(PATH, list(true, false));
    expect(readyTaskIds(doc, (t) => t.checked || t.id === "T003" || t.status === "dropped")).toEqual([
      "T002",
      "T004",
      "T006",
    ]);
  });
});
