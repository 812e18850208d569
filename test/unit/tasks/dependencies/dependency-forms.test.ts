/** Table-driven: the forms and languages the grammar reads, with exact edges, and the traps that give none. */
import { describe, expect, it } from "@jest/globals";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const id = (n: number): string => `T${String(n).padStart(3, "0")}`;
const tasks = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `- [ ] ${id(from + i)} step ${from + i}`);
const edges = (lines: string[], path = "specs/001-x/tasks.md"): string[] => {
  const doc = parseTaskList(path, [...lines, ""].join("\n"));
  const out = new Set(doc.taskEdges.map((e) => `${e.to}→${e.from}`));
  for (const g of doc.groupEdges) for (const a of g.blockers) for (const b of g.blocked) out.add(`${a}→${b}`);
  return [...out].sort();
};

describe("dependency forms", () => {
  it.each([
    ["adverb between verb and preposition", [...tasks(1, 2), "", "- T002 dépend absolument de T001."], ["T001→T002"]],
    [
      "elliptical clause keeps its direction",
      [...tasks(1, 3), "", "T002 dépend de T001, T003 de T002."],
      ["T001→T002", "T002→T003"],
    ],
    ["pronoun pointing back", [...tasks(1, 2), "", "T001 is a review step; T002 depends on it."], ["T001→T002"]],
    [
      "workaround note is no dependency",
      [...tasks(1, 3), "  - the table exists only after T001; until then use a fake"],
      [],
    ],
    ["Arabic after", [...tasks(1, 2), "", "- T002 بعد T001"], ["T001→T002"]],
    ["Vietnamese", [...tasks(1, 3), "", "- T002 phụ thuộc T001; T003 sau T002"], ["T001→T002", "T002→T003"]],
    ["Turkish suffix marks the object", [...tasks(1, 2), "", "- T002, T001'e bağlı"], ["T001→T002"]],
    ["Japanese sequential run", [...tasks(1, 3), "", "- T001〜T003 は逐次実行"], ["T001→T002", "T002→T003"]],
    [
      "comment heading fenced task lines",
      [...tasks(1, 3), "", "```", "# After T001: rename", 'Task: "T002 a"', 'Task: "T003 b"', "```"],
      ["T001→T002", "T001→T003"],
    ],
    ["two ids on one checkbox", ["- [ ] T001+T002 both", "- [ ] T003 c (depends on T002)"], ["T002→T003"]],
  ])("%s", (_name, lines, want) => {
    expect(edges(lines)).toEqual(want);
  });

  it("reads Kiro's Japanese field label and bare parent numbers", () => {
    const lines = [
      "- [ ] 1. a",
      "- [ ] 1.1 b",
      "  - _依存タスク: -_",
      "- [ ] 1.2 c",
      "  - _依存タスク: 1.1_",
      "- [ ] 2. d",
      "  - _Depends: 1_",
    ];
    expect(edges(lines, ".kiro/specs/x/tasks.md")).toEqual(["1.1→1.2", "1→2"]);
  });

  it("keeps a phase-to-phase statement a phase edge when the label lists its ids", () => {
    const lines = [
      "## Phase 2: Base",
      ...tasks(5, 6),
      "## Phase 3: Story",
      ...tasks(8, 9),
      "",
      "- Phase 3 depends on Phase 2 (T005–T006)",
    ];
    const doc = parseTaskList("specs/001-x/tasks.md", [...lines, ""].join("\n"));
    expect(doc.taskEdges).toEqual([]);
    expect(doc.phaseEdges.filter((e) => e.source === "explicit").map((e) => `${e.to}→${e.from}`)).toEqual(["0→1"]);
  });
});
