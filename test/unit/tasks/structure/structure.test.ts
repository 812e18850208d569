import { describe, expect, it } from "@jest/globals";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { fixture, task } from "../fixture-files.js";

describe("document structure from the Markdown tree", () => {
  const text = fixture("structure.md");
  const doc = parseTaskList("specs/010-structure/tasks.md", text);

  it("reads tasks only where CommonMark has list items: not in blockquotes, HTML comments or code", () => {
    expect(doc.tasks.map((t) => t.id)).toEqual(["T001", "T002", "T003", "T004", "T005", "T006"]);
  });

  it("keeps a phase's sub-headings inside it, even phase-like ones (Tier 0, Tier 1)", () => {
    expect(doc.phases.map((p) => p.heading)).toEqual([
      "Phase 1: Setup",
      "Phase 2: Build",
      "Phase 3: Cleanup",
      "Phase 4: Polish",
    ]);
    expect([task(doc, "T001").phaseIndex, task(doc, "T002").phaseIndex]).toEqual([0, 0]);
    expect(doc.phases[0]?.taskIds).toEqual(["T001", "T002"]);
  });

  it("nests a checkbox task under the task whose list item holds it, with its own details", () => {
    expect(task(doc, "T004")).toMatchObject({ parentId: "T003", details: ["wrapped text of T004"] });
    expect(task(doc, "T003")).toMatchObject({ parentId: null, details: ["- Detail bullet of T003"] });
  });

  it("keeps a lazy continuation line with its task", () => {
    expect(task(doc, "T005").details).toEqual(["Lazy continuation of T005"]);
  });

  it("marks a phase whose status line says skipped, and keeps no trailing heading without tasks", () => {
    expect(doc.phases.map((p) => p.skipped)).toEqual([false, false, true, false]);
    expect(doc.phases.some((p) => p.heading === "Notes")).toBe(false);
  });

  it("points every checkbox offset at the marker character", () => {
    for (const t of doc.tasks) expect(text[t.checkboxOffset]).toBe(" ");
  });
});

describe("task forms", () => {
  const text = fixture("task-forms.md");
  const doc = parseTaskList("specs/009-forms/tasks.md", text);

  it("reads every id form as a task", () => {
    expect(doc.tasks.map((t) => t.id)).toEqual([
      "T001",
      "T021B",
      "T050-alt",
      "TASK-007",
      "T-014",
      "API-003",
      "T040",
      "T041",
      "T042",
      "T043",
      "T044",
      "T045",
      "T046",
      "T047",
    ]);
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("creates each task a checkbox range names, all on its line and checkbox", () => {
    const range = ["T040", "T041", "T042"].map((id) => task(doc, id));
    expect(range.map((t) => [t.line, t.status, t.checkboxOffset])).toEqual([
      [11, "dropped", range[0]?.checkboxOffset],
      [11, "dropped", range[0]?.checkboxOffset],
      [11, "dropped", range[0]?.checkboxOffset],
    ]);
    expect(text[range[0]?.checkboxOffset ?? -1]).toBe("~");
  });

  it("reads dropped, superseded and struck-through-and-removed tasks as dropped; partly done as in progress", () => {
    expect(task(doc, "T043")).toMatchObject({ status: "dropped", checked: true, marker: "X" });
    expect(task(doc, "T044")).toMatchObject({ status: "in-progress", checked: false });
    expect(task(doc, "T045")).toMatchObject({ status: "dropped", checked: false });
  });

  it("reads heading tasks: done when every box of their checklist is ticked; they cannot be ticked themselves", () => {
    expect(task(doc, "T046")).toMatchObject({
      checked: true,
      status: "done",
      checkboxOffset: -1,
      phaseIndex: 1,
      description: "Write the parser",
    });
    expect(task(doc, "T046").details).toEqual(["Some text about it.", "- [x] step one", "- [x] step two"]);
    expect(task(doc, "T047")).toMatchObject({ checked: false, status: "open" });
  });
});
