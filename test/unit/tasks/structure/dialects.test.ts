import { describe, expect, it } from "@jest/globals";
import { detectDialect } from "../../../../src/tasks/structure/dialects.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { fixture, task } from "../fixture-files.js";

describe("detectDialect", () => {
  it.each([
    [".kiro/specs/auth/tasks.md", "", "kiro"],
    ["openspec/changes/add-search/tasks.md", "", "openspec"],
    ["kitty-specs/007-export/tasks.md", "", "spec-kitty"],
    [".xe/specs/blueprint/tasks.md", "", "xe"],
    ["specs/001-photos/tasks.md", "- [ ] T001 Do it", "spec-kit"],
    ["docs/tasks.md", "# Implementation Plan\n\n- [ ] 1. Set up\n- [ ] 1.1 Sub", "kiro"],
    ["docs/tasks.md", "## 1. Index\n\n- [ ] 1.1 Add the table", "openspec"],
    ["docs/tasks.md", "## Work Package WP01: Model\n\n- [ ] T001 Add", "spec-kitty"],
    ["docs/tasks.md", "## Step 1: Setup\n\n- [ ] T001 Add", "xe"],
  ])("%s with %j is %s", (path, text, dialect) => {
    expect(detectDialect(path, text.split("\n"), {})).toBe(dialect);
  });
});

describe("Kiro", () => {
  const text = fixture("kiro-basic.md");
  const doc = parseTaskList(".kiro/specs/auth/tasks.md", text);

  it("reads numbered ids, the top-level trailing dot removed", () => {
    expect(doc.dialect).toBe("kiro");
    expect(doc.tasks.map((t) => t.id)).toEqual(["1", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.2"]);
    expect(doc.phases).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
  });

  it("makes sub-tasks children of their parent, whether indented or not", () => {
    expect(doc.tasks.map((t) => [t.id, t.parentId])).toEqual([
      ["1", null],
      ["2", null],
      ["2.1", "2"],
      ["2.2", "2"],
      ["2.3", "2"],
      ["2.4", "2"],
      ["3", null],
      ["3.1", "3"],
      ["3.2", "3"],
    ]);
  });

  it("marks optional tasks written '- [ ]* 2.3' or '2.4*'", () => {
    expect(doc.tasks.filter((t) => t.optional).map((t) => t.id)).toEqual(["2.3", "2.4"]);
    expect(text[task(doc, "2.3").checkboxOffset]).toBe(" ");
  });

  it("reads [-] as in progress and the requirements, across Kiro's blank-line runs", () => {
    expect(task(doc, "2.2")).toMatchObject({ status: "in-progress", checked: false, requirements: ["2.2", "3.1"] });
    expect(task(doc, "1").requirements).toEqual(["1.1", "1.2"]);
    expect(task(doc, "2.1").requirements).toEqual(["2.1"]);
    expect(task(doc, "3.1").details).toEqual(["- Validate the form"]);
  });

  it("reads requirement numbers as requirements, never as dependencies", () => {
    expect(doc.taskEdges).toEqual([]);
  });
});

describe("OpenSpec", () => {
  const doc = parseTaskList("openspec/changes/add-search/tasks.md", fixture("openspec-basic.md"));

  it("makes '## 1. Section' headings phases, with their sub-headings inside", () => {
    expect(doc.dialect).toBe("openspec");
    expect(doc.phases.map((p) => [p.number, p.title, p.taskIds])).toEqual([
      ["1", "Index", ["1.1", "1.2"]],
      ["2", "API", ["2.1", "2.2", "2.3"]],
    ]);
  });

  it("reads an ordered list inside a task as its details, not as tasks; arrows between words are no edges", () => {
    expect(task(doc, "2.2").details).toEqual(["1. Read the cursor", "2. Return the next page"]);
    expect(doc.taskEdges).toEqual([]);
    expect(task(doc, "1.1")).toMatchObject({ checked: true, status: "done", parentId: null });
  });

  it("implies no order between sections: only stated dependencies link them", () => {
    expect(doc.phases.map((p) => p.kind)).toEqual(["section", "section"]);
    expect(doc.phaseEdges).toEqual([]);
  });
});

describe("spec-kitty", () => {
  const doc = parseTaskList("kitty-specs/007-export/tasks.md", fixture("spec-kitty-basic.md"));

  it("makes work packages phases and reads the T-id tasks in them", () => {
    expect(doc.dialect).toBe("spec-kitty");
    expect(doc.phases.map((p) => [p.number, p.title, p.taskIds])).toEqual([
      ["1", "Model (Priority: P0)", ["T001", "T002"]],
      ["2", "Endpoint (Priority: P1)", ["T003", "T004"]],
    ]);
  });

  it("links work packages only where the text says so ('Depends on WP01')", () => {
    expect(doc.phaseEdges.map((e) => [e.from, e.to, e.source])).toEqual([["1", "0", "explicit"]]);
  });

  it("takes 'Parallel? Yes' from the subtask index but no tasks from it", () => {
    expect(doc.tasks.map((t) => [t.id, t.line, t.parallel])).toEqual([
      ["T001", 6, true],
      ["T002", 7, false],
      ["T003", 15, false],
      ["T004", 16, true],
    ]);
  });
});
