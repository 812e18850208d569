import { describe, expect, it } from "@jest/globals";
import { parseTaskList as parseTasks } from "../../../../src/tasks/parse-tasks.js";
import { readAssignees } from "../../../../src/tasks/lines/assignee-tokens.js";
import { readTaskHead } from "../../../../src/tasks/lines/task-line.js";

describe("@login tokens after the tags", () => {
  it.each([
    ["T006 [P] [US1] @alice Add the upload form", ["alice"], "Add the upload form"],
    ["T006 [US1] @alice @bob-smith Add the form", ["alice", "bob-smith"], "Add the form"],
    ["T006 @alice, @bob Add", ["alice", "bob"], "Add"],
    ["T006 @Alice @alice Add", ["Alice"], "Add"],
    ["T006 Mail alice@example.com about it", [], "Mail alice@example.com about it"],
    ["T006 Bump @types/node", [], "Bump @types/node"],
    ["T006 `@alice` in a code span", [], "`@alice` in a code span"],
    ["T006 Ask @alice later", [], "Ask @alice later"],
    ["T006 @-bad name", [], "@-bad name"],
    ["T006 @alice", ["alice"], ""],
  ])("%j", (line, assignees, description) => {
    expect(readTaskHead(line)).toMatchObject({ assignees, description });
  });

  it("a login longer than GitHub allows is text", () => {
    const long = `@${"a".repeat(40)} x`;
    expect(readAssignees(long)).toEqual({ logins: [], rest: long });
  });

  it("a parsed task carries its logins and keeps them out of its description", () => {
    const doc = parseTasks(
      "specs/001-photos/tasks.md",
      "# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 [P] [US1] @alice Add the upload form\n- [ ] T002 Write to bob@example.com\n",
    );
    expect(doc.tasks.map((t) => [t.id, t.assignees, t.description])).toEqual([
      ["T001", ["alice"], "Add the upload form"],
      ["T002", [], "Write to bob@example.com"],
    ]);
  });
});
