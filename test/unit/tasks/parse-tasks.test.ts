import { describe, expect, it } from "@jest/globals";
import type { TaskDocument } from "../../../src/tasks/model.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import { fixture, fixtureNames, task, toCrlf } from "./fixture-files.js";

function parseFixture(name: string, path = `specs/001-demo/${name}`): TaskDocument {
  return parseTaskList(path, fixture(name));
}

describe("parseTaskList on the spec-kit fixture", () => {
  const doc = parseTaskList("specs/001-photo-albums/tasks.md", fixture("spec-kit-basic.md"));

  it("reads the feature from the directory, the heading and the frontmatter", () => {
    expect(doc.dialect).toBe("spec-kit");
    expect(doc.feature).toEqual({
      id: "001-photo-albums",
      title: "Photo Albums",
      frontmatter: { description: "Tasks for photo albums", status: "draft" },
    });
    expect(doc.lineEnding).toBe("\n");
  });

  it("finds the tasks in order, ignoring HTML comments, fences and Notes checklists", () => {
    expect(doc.tasks.map((t) => t.id)).toEqual([
      "T001",
      "T002",
      "T003",
      "T004",
      "T005",
      "T006",
      "T007",
      "T008",
      "T009",
      "T010",
      "T011",
    ]);
    expect(doc.tasks.filter((t) => t.checked).map((t) => t.id)).toEqual(["T002"]);
    expect(doc.diagnostics).toEqual([]);
  });

  it("classifies the phases with story, priority, MVP and checkpoints", () => {
    expect(doc.phases.map((p) => [p.number, p.kind, p.story, p.priority, p.mvp, p.taskIds.length])).toEqual([
      ["1", "setup", null, null, false, 2],
      ["2", "foundational", null, null, false, 2],
      ["3", "story", "US1", "P1", true, 3],
      ["4", "story", "US2", "P2", false, 2],
      ["5", "polish", null, null, false, 2],
    ]);
    expect(doc.phases[0]?.title).toBe("Setup (Shared Infrastructure)");
    expect(doc.phases[0]?.heading).toBe("Phase 1: Setup (Shared Infrastructure)");
    expect(doc.phases[1]?.checkpoint).toBe("Foundation ready - user stories can begin");
    expect(doc.phases[2]?.checkpoint).toBe("User Story 1 works on its own");
  });

  it("reads a task line: tags, story, description, files, phase", () => {
    expect(task(doc, "T005")).toMatchObject({
      line: 50,
      parallel: true,
      story: "US1",
      tags: [],
      description: "Contract test in `tests/contract/albums.test.ts`",
      files: ["tests/contract/albums.test.ts"],
      phaseIndex: 2,
      status: "open",
      marker: " ",
    });
    expect(task(doc, "T010").story).toBeNull();
  });

  it("links phases by the template's order and tasks by explicit statements only", () => {
    expect(doc.phaseEdges.map((e) => `${e.from}<-${e.to}`)).toEqual(["1<-0", "2<-1", "3<-1", "4<-2", "4<-3"]);
    expect(task(doc, "T006").blockedBy).toEqual(["T003", "T004", "T005"]);
    expect(task(doc, "T007").blockedBy).toEqual(["T005", "T006"]);
    expect(task(doc, "T009").blockedBy).toEqual(["T006"]);
    expect(task(doc, "T001").blockedBy).toEqual([]);
    expect(doc.taskEdges.every((e) => e.source === "explicit")).toBe(true);
  });
});

describe("parseTaskList on the xe fixture", () => {
  const doc = parseTaskList(".xe/specs/search/tasks.md", fixture("xe-basic.md"));

  it("detects the dialect and ignores blockquoted instruction examples", () => {
    expect(doc.dialect).toBe("xe");
    expect(doc.feature.id).toBe("search");
    expect(doc.feature.title).toBe("Search");
    expect(doc.tasks.map((t) => t.id)).toEqual([
      "T001",
      "T002",
      "T003",
      "T004",
      "T005",
      "T006",
      "T007",
      "T008",
      "T009",
      "T010",
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it("chains steps and applies the sequential / parallel-batch rule inside a step", () => {
    expect(doc.phases.map((p) => p.kind)).toEqual(["step", "step", "step"]);
    expect(doc.phaseEdges.map((e) => `${e.from}<-${e.to}`)).toEqual(["1<-0", "2<-1"]);
    const blocked = Object.fromEntries(doc.tasks.map((t) => [t.id, t.blockedBy]));
    expect(blocked).toEqual({
      T001: [],
      T002: ["T001"],
      T003: ["T001"],
      T004: ["T002", "T003"],
      T005: [],
      T006: [],
      T007: ["T005", "T006"],
      T008: ["T005", "T006", "T007"],
      T009: ["T004", "T008"],
      T010: ["T004", "T008"],
    });
    const sources = new Set(doc.taskEdges.filter((e) => e.from === "T009").map((e) => `${e.to}:${e.source}`));
    expect(sources).toEqual(new Set(["T004:explicit", "T008:structural"]));
  });

  it("is xe by its headings or frontmatter id even outside .xe/", () => {
    expect(parseTaskList("specs/search/tasks.md", "## Step 1: Go\n- [ ] T001 a\n").dialect).toBe("xe");
    expect(parseTaskList("specs/search/tasks.md", "---\nid: search\n---\n- [ ] T001 a\n").dialect).toBe("xe");
    expect(parseTaskList("specs/search/tasks.md", "## Phase 1: Go\n- [ ] T001 a\n").dialect).toBe("spec-kit");
  });
});

describe("checkbox markers, bullets and id forms", () => {
  const doc = parseFixture("markers.md");

  it.each([
    ["T001", " ", false, "open"],
    ["T002", "x", true, "done"],
    ["T003", "X", true, "done"],
    ["T004", " ", false, "open"],
    ["T005", " ", false, "open"],
    ["T006", " ", false, "open"],
    ["T007", "~", false, "in-progress"],
    ["T008", "-", false, "dropped"],
    ["T009", "/", false, "in-progress"],
    ["T010", "?", false, "other"],
  ])("%s has marker %j (checked %s, %s)", (id, marker, checked, status) => {
    expect(task(doc, id)).toMatchObject({ marker, checked, status });
  });

  it.each([
    ["T011", true, null, ["Setup"], "Bold id with a label"],
    ["T012", false, null, [], "Bold id with colon inside"],
    ["T013", true, "US3", [], "Colon after id"],
    ["T013a", false, null, [], "Suffixed id"],
    ["T14", false, null, [], "Short id"],
    ["T015", false, null, ["depends: T013,T14"], "Tag dependency"],
  ])("%s: parallel %s, story %s, tags %j, description %j", (id, parallel, story, tags, description) => {
    expect(task(doc, id)).toMatchObject({ parallel, story, tags, description });
  });

  it("reads [depends: …] tags as dependencies", () => {
    expect(task(doc, "T015").blockedBy).toEqual(["T013", "T14"]);
  });

  it("points every checkboxOffset at the marker character", () => {
    const text = fixture("markers.md");
    expect(doc.tasks).toHaveLength(16); // every task of markers.md has a checkbox
    for (const t of doc.tasks) expect(text[t.checkboxOffset]).toBe(t.marker);
  });
});

describe("multi-line tasks", () => {
  const doc = parseFixture("multiline.md");

  it.each([
    ["T001", ["onto a second indented line with `src/wrap.ts`", "and a third."]],
    [
      "T002",
      [
        "- Files: `src/a.ts`, `src/b.ts`",
        "- Acceptance: works",
        "  - nested deeper",
        "- [ ] an id-less nested checkbox",
      ],
    ],
    ["T003", ["without indentation"]],
    ["T004", ["Indented paragraph belongs to T004."]],
    ["T005", []],
    ["T006", ["- detail of T006"]],
    ["T007", ["```sh", "- [ ] T999 not a task", "```"]],
  ])("%s keeps its continuation lines and sub-bullets as details", (id, details) => {
    expect(task(doc, id).details).toEqual(details);
  });

  it("takes file paths from the details too", () => {
    expect(task(doc, "T001").files).toEqual(["src/wrap.ts"]);
    expect(task(doc, "T002").files).toEqual(["src/a.ts", "src/b.ts"]);
  });

  it("makes a nested item with its own id a task, and warns only about the top-level id-less item", () => {
    expect(doc.tasks.map((t) => t.id)).toEqual(["T001", "T002", "T003", "T004", "T005", "T006", "T007"]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: "task-without-id", severity: "warning", line: 29 }),
    ]);
  });
});

describe("decimal phases, ranges and a missing final newline", () => {
  const doc = parseFixture("decimal-phases.md");

  it("orders 3.10 after 3.9 when chaining an old-style layout", () => {
    const number = (i: string): string | null => doc.phases[Number(i)]?.number ?? null;
    const edges = doc.phaseEdges.map((e) => `${number(e.from)}<-${number(e.to)}`);
    expect(edges).toContain("3.10<-3.9");
    expect(edges).toContain("3.11<-3.10");
    expect(edges).toHaveLength(doc.phases.length - 1);
  });

  it.each([
    ["T005", ["T003", "T004"]],
    ["T006", ["T003", "T004"]],
    ["T003", ["T001", "T002"]],
    ["T004", []],
    ["T008", ["T007"]],
    ["T014", ["T012", "T013"]],
  ])("%s is blocked by %j", (id, blockers) => {
    expect(task(doc, id).blockedBy).toEqual(blockers);
  });

  it("still reads the last line and its phase", () => {
    expect(doc.tasks.at(-1)?.id).toBe("T015");
    expect(doc.phases.at(-1)).toMatchObject({ number: "3.11", kind: "polish" });
  });
});

describe("phases after the Dependencies section", () => {
  const doc = parseFixture("phases-after-dependencies.md");

  it("keeps reading phases after Dependencies and does not diagnose checklist items", () => {
    expect(doc.phases.map((p) => `${p.number}:${p.kind}`)).toEqual(["1:setup", "2:story", "3:story", "4:polish"]);
    expect(task(doc, "T003").phaseIndex).toBe(2);
    expect(doc.diagnostics).toEqual([]);
    expect(task(doc, "T003").blockedBy).toEqual(["T002"]);
    expect(doc.phaseEdges.map((e) => `${e.from}<-${e.to}`)).toEqual(["1<-0", "2<-0", "3<-1", "3<-2"]);
  });
});

describe("diagnostics", () => {
  const doc = parseFixture("diagnostics.md");

  it("reports duplicates, unknown ids, cycles and id-less tasks with lines and severities", () => {
    expect(doc.diagnostics.map((d) => [d.line, d.severity, d.code, d.taskId ?? null])).toEqual([
      [6, "error", "unknown-dependency", "T002"],
      [7, "error", "dependency-cycle", "T003"],
      [11, "error", "duplicate-id", "T002"],
      [12, "warning", "task-without-id", null],
      [17, "warning", "unknown-dependency", null],
    ]);
    expect(doc.diagnostics[1]?.message).toContain("T003 → T004 → T003");
  });

  it("keeps only the first task of a duplicated id", () => {
    expect(doc.tasks.filter((t) => t.id === "T002")).toHaveLength(1);
    expect(task(doc, "T002").line).toBe(6);
    expect(task(doc, "T002").blockedBy).toEqual(["T001"]);
  });

  it("reads 'Depends on:' sub-bullets and bold 'Depends on … completion' as the task's own", () => {
    expect(task(doc, "T003").blockedBy).toEqual(["T004"]);
    expect(task(doc, "T004").blockedBy).toEqual(["T003"]);
  });
});

describe("tasks without checkboxes, tables, CJK, bad frontmatter", () => {
  it("reads bold-id bullets without a checkbox as tasks that cannot be ticked", () => {
    const doc = parseTaskList("specs/022-live/tasks.md", fixture("no-checkbox.md"));
    expect(doc.feature.title).toBe("Pannello live (feature 022)");
    expect(doc.tasks.map((t) => [t.id, t.checkboxOffset === -1, t.marker])).toEqual([
      ["T001", true, ""],
      ["T002", true, ""],
      ["T003", true, ""],
      ["T004", false, " "],
    ]);
    expect(task(doc, "T002")).toMatchObject({
      checked: false,
      status: "open",
      details: ["e aggiornare `uv.lock`."],
      files: ["pyproject.toml", "uv.lock"],
    });
    expect(doc.phases[1]).toMatchObject({
      kind: "story",
      story: "US1",
      priority: "P1",
      mvp: true,
      title: "US1: Cruscotto dal vivo (Priority P1, MVP)",
    });
    expect(task(doc, "T003").story).toBe("US1");
    expect(task(doc, "T003").blockedBy).toEqual(["T001", "T002"]);
    expect(task(doc, "T004").blockedBy).toEqual(["T003"]);
  });

  it("finds no tasks in a table-only file and says so", () => {
    const doc = parseFixture("table-only.md");
    expect(doc.tasks).toEqual([]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["no-tasks"]);
  });

  it("handles CJK text, emoji, fullwidth punctuation and [~]", () => {
    const doc = parseFixture("cjk-emoji.md");
    expect(doc.feature.title).toBe("知识库试检索面板");
    expect(doc.feature.frontmatter).toEqual({ description: "タスク一覧 🎯" });
    expect(doc.tasks.filter((t) => t.checked).map((t) => t.id)).toEqual(["T001", "T002"]);
    expect(task(doc, "T003").files).toEqual(["src/ui/PartnerView.tsx"]);
    expect(task(doc, "T004")).toMatchObject({
      status: "in-progress",
      checked: false,
      story: "US1",
      details: ["仍需在浏览器点击验证"],
    });
    expect(doc.phases[0]?.kind).toBe("setup");
  });

  it("treats invalid YAML frontmatter as {} and falls back to the heading", () => {
    const doc = parseFixture("invalid-frontmatter.md");
    expect(doc.feature.frontmatter).toEqual({});
    expect(doc.feature.title).toBe("Fallback title");
    expect(doc.tasks.map((t) => t.id)).toEqual(["T001"]);
  });
});

describe("line endings and BOM", () => {
  it.each(fixtureNames())("%s parses the same with CRLF line endings", (name) => {
    const lf = parseTaskList(`specs/x/${name}`, fixture(name));
    const crlfText = toCrlf(fixture(name));
    const crlf = parseTaskList(`specs/x/${name}`, crlfText);
    const strip = (doc: TaskDocument) => ({
      ...doc,
      lineEnding: null,
      tasks: doc.tasks.map((t) => ({ ...t, checkboxOffset: t.checkboxOffset >= 0 })),
    });
    expect(strip(crlf)).toEqual(strip(lf));
    expect(crlf.lineEnding).toBe("\r\n");
    for (const t of crlf.tasks) if (t.checkboxOffset >= 0) expect(crlfText[t.checkboxOffset]).toBe(t.marker);
  });

  it("keeps offsets right after a byte-order mark", () => {
    const text = `\uFEFF${fixture("markers.md")}`;
    const doc = parseTaskList("specs/x/tasks.md", text);
    expect(doc.feature.title).toBe("Marker variations");
    expect(doc.tasks).toHaveLength(16); // every task of markers.md has a checkbox
    for (const t of doc.tasks) expect(text[t.checkboxOffset]).toBe(t.marker);
  });

  it("never throws on empty or odd input", () => {
    for (const text of [
      "",
      "\n",
      "---",
      "---\n",
      "- [ ]",
      "```\n- [ ] T001 x",
      "<!--\n- [ ] T001 x",
      "# \n## Phase\n- [x]",
    ]) {
      expect(() => parseTaskList("tasks.md", text)).not.toThrow();
    }
    expect(parseTaskList("tasks.md", "```\n- [ ] T001 x").tasks).toEqual([]);
    expect(parseTaskList("tasks.md", "<!--\n- [ ] T001 x").tasks).toEqual([]);
  });
});
