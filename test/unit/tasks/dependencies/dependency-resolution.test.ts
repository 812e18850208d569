import { describe, expect, it } from "@jest/globals";
import { GROUP_EDGE_THRESHOLD } from "../../../../src/tasks/dependencies/dependencies.js";
import type { TaskDocument } from "../../../../src/tasks/model.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const id = (n: number): string => `T${String(n).padStart(3, "0")}`;
const tasks = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `- [ ] ${id(from + i)} task ${from + i}`);
const parse = (lines: string[], path = "specs/001-x/tasks.md"): TaskDocument =>
  parseTaskList(path, [...lines, ""].join("\n"));
/** Task-level edges as "blocker→blocked", group edges expanded, sorted. */
const pairs = (doc: TaskDocument): string[] => {
  const out = new Set(doc.taskEdges.map((e) => `${e.to}→${e.from}`));
  for (const g of doc.groupEdges) for (const a of g.blockers) for (const b of g.blocked) out.add(`${a}→${b}`);
  return [...out].sort();
};
const phaseEdges = (doc: TaskDocument): string[] =>
  doc.phaseEdges.map((e) => `${doc.phases[Number(e.to)]?.title}→${doc.phases[Number(e.from)]?.title}`).sort();

describe("statements resolved in a document", () => {
  it.each([
    [
      "a dependency sub-bullet under a task",
      ["- [ ] T001 a", "- [ ] T002 b", "  - **Dependencies**: T001"],
      ["T001→T002"],
    ],
    [
      "an inline aside",
      ["- [ ] T001 a", "- [ ] T002 b", "- [ ] T003 c (depends on T001, T002)"],
      ["T001→T003", "T002→T003"],
    ],
    [
      "a Spanish aside in emphasis",
      ["- [ ] T001 a", "- [ ] T002 b *(Depende de T001 — requiere la columna.)*"],
      ["T001→T002"],
    ],
    [
      "an open range",
      ["## Phase 1: Core", ...tasks(1, 4), "", "- Polish (T003+) after T001"],
      ["T001→T003", "T001→T004"],
    ],
    [
      "a chain with a brace set in a table cell",
      [...tasks(1, 4), "", "| HU | Chain |", "|---|---|", "| 1 | T001 → T002 → {T003, T004} |"],
      ["T001→T002", "T002→T003", "T002→T004"],
    ],
    [
      "a pairwise statement",
      [...tasks(20, 27), "", "Tests T020–T023 come before their matching implementations T024–T027."],
      ["T020→T024", "T021→T025", "T022→T026", "T023→T027"],
    ],
    [
      "a label the list defines",
      [...tasks(1, 6), "", "**Types Phase (T001-T002)**", "- Types block T005-T006"],
      ["T001→T005", "T001→T006", "T002→T005", "T002→T006"],
    ],
    ["an explicit non-dependency", [...tasks(5, 9), "", "- T006, T007, T009 可并行(与T005无依赖)"], []],
    [
      "a mermaid gantt",
      [
        ...tasks(1, 4),
        "",
        "```mermaid",
        "gantt",
        "    T001-T002 Setup :done, a1, 2025-01-01, 1d",
        "    T003 Next :a2, after a1, 1d",
        "```",
      ],
      ["T001→T003", "T002→T003"],
    ],
    [
      "a statement followed by an unrelated sentence",
      ["- [ ] T001 a", "- [ ] T002 b", "", "T001 MUST land before T002. T001 has no behaviour change."],
      ["T001→T002"],
    ],
    ["'blocks all later tasks'", [...tasks(1, 4), "", "- **Setup**: T002 阻塞所有后续"], ["T002→T003", "T002→T004"]],
    [
      "a task's own 'before' describing its steps",
      ["- [ ] T001 a", "- [ ] T002 Call the helper before the request (see T001)"],
      [],
    ],
    [
      "numbered ids in a Kiro-style list",
      [
        "- [ ] 1. Parent",
        "  - [ ] 1.1 First",
        "  - [ ] 1.2 Second",
        "    - _Depends: 1.1_",
        "- [ ] 2. Next (depends on task 1)",
      ],
      ["1.1→1.2", "1→2"],
    ],
    [
      "requirement numbers are not tasks",
      ["- [ ] 1.1 First", "- [ ] 1.2 Second", "  - Login → dashboard unaffected (req 1.1)", "  - Depends on: 1.1"],
      ["1.1→1.2"],
    ],
    [
      "a heading's own dependency for the tasks under it",
      [
        "## Phase 1: Core",
        "### Group A",
        "- [ ] 1.1 a",
        "### Group B (depends on 1.1)",
        "- [ ] 2.1 b",
        "- [ ] 2.2 c",
        "### Group C",
        "- [ ] 3.1 d",
      ],
      ["1.1→2.1", "1.1→2.2"],
    ],
    ["arrows in a bash block", [...tasks(1, 2), "", "```bash", "echo T001 -> T002", "```"], []],
  ])("%s", (_name, lines, expected) => {
    expect(pairs(parse(lines))).toEqual(expected);
  });

  it("keeps a large range-to-range statement as one group edge", () => {
    const doc = parse([...tasks(1, 20), "", "Tests (T001-T010) before implementation (T011-T020)"]);
    expect(10 * 10).toBeGreaterThan(GROUP_EDGE_THRESHOLD);
    expect(doc.taskEdges).toEqual([]);
    expect(doc.groupEdges).toEqual([
      {
        blockers: tasks(1, 10).map((t) => t.slice(6, 10)),
        blocked: tasks(11, 20).map((t) => t.slice(6, 10)),
        source: "explicit",
        line: 22,
      },
    ]);
    expect(doc.tasks.every((t) => t.blockedBy.length === 0)).toBe(true);
  });

  it("drops a self-dependency with a warning, not an error", () => {
    const doc = parse([
      "- [ ] T001 a",
      "- [ ] T002 b",
      "",
      "T001 MUST land before T001. T001 has no behaviour change.",
    ]);
    expect(doc.taskEdges).toEqual([]);
    expect(doc.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["warning", "self-dependency", 4]]);
  });

  it("warns about an unknown id in prose and still links the known ones", () => {
    const doc = parse(["- [ ] T001 a", "- [ ] T002 b", "", "Notes: T001 and T009 before T002"]);
    expect(pairs(doc)).toEqual(["T001→T002"]);
    expect(doc.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ["warning", "dependency statement names unknown task T009"],
    ]);
  });

  it("names every task of a cycle, through group edges too", () => {
    const doc = parse([...tasks(1, 20), "", "T001-T010 before T011-T020", "T015 blocks T003"]);
    const cycle = doc.diagnostics.find((d) => d.code === "dependency-cycle");
    expect(cycle?.severity).toBe("error");
    expect(cycle?.taskIds?.sort()).toEqual(["T003", "T015"]);
  });
});

describe("phase edges from prose", () => {
  const storyList = [
    "## Phase 1: Setup",
    "- [ ] T001 a",
    "## Phase 2: Foundational",
    "- [ ] T002 b",
    "## Phase 3: User Story 1 (Priority: P1)",
    "- [ ] T003 c",
    "## Phase 4: User Story 2 (Priority: P2)",
    "- [ ] T004 d",
    "## Phase 5: User Story 3 (Priority: P3)",
    "- [ ] T005 e",
    "## Phase 6: Polish",
    "- [ ] T006 f",
  ];

  it("follows the template chain when nothing is said", () => {
    expect(phaseEdges(parse(storyList))).toEqual([
      "Foundational→User Story 1 (Priority: P1)",
      "Foundational→User Story 2 (Priority: P2)",
      "Foundational→User Story 3 (Priority: P3)",
      "Setup→Foundational",
      "User Story 1 (Priority: P1)→Polish",
      "User Story 2 (Priority: P2)→Polish",
      "User Story 3 (Priority: P3)→Polish",
    ]);
  });

  it.each([
    ["advice", "- US3 is recommended after US2"],
    ["advice in Russian", "- US3 рекомендуется после US1+US2"],
    ["a priority order drawn with arrows", "Or by priority: US1 (P1) → US2 (P2) → US3 (P3)"],
  ])("keeps the template chain for %s", (_name, line) => {
    expect(phaseEdges(parse([...storyList, "", "## Notes", "", line]))).toEqual(phaseEdges(parse(storyList)));
  });

  it("replaces a phase's default blockers with what the prose states", () => {
    const doc = parse([...storyList, "", "## Dependencies", "", "- User Story 3 depends on User Story 2"]);
    expect(phaseEdges(doc)).toContain("User Story 2 (Priority: P2)→User Story 3 (Priority: P3)");
    expect(phaseEdges(doc)).not.toContain("Foundational→User Story 3 (Priority: P3)");
  });

  it("reads a story-dependency table", () => {
    const doc = parse([
      ...storyList,
      "",
      "## Story dependencies",
      "",
      "| Story | Dependencies |",
      "|---|---|",
      "| US3 | Depends on US2 |",
      "| US2 | Foundational only |",
    ]);
    expect(phaseEdges(doc).filter((e) => e.endsWith("User Story 3 (Priority: P3)"))).toEqual([
      "User Story 2 (Priority: P2)→User Story 3 (Priority: P3)",
    ]);
  });

  it("reads a phase's own 'Depends on' line", () => {
    const lines = [...storyList];
    lines.splice(lines.indexOf("- [ ] T005 e") + 1, 0, "", "Depends on: Phase 1 only");
    expect(phaseEdges(parse(lines)).filter((e) => e.endsWith("User Story 3 (Priority: P3)"))).toEqual([
      "Setup→User Story 3 (Priority: P3)",
    ]);
  });

  it("drops every phase edge when the list says no phase depends on another", () => {
    expect(parse([...storyList, "", "**Ninguna fase depende de otra.**"]).phaseEdges).toEqual([]);
  });

  it("lets a skipped phase gate nothing: its dependents wait for what it waited for", () => {
    const lines = [
      "## Phase 1: Setup",
      "- [ ] T001 a",
      "## Phase 2: Cleanup (SKIPPED)",
      "- [ ] T002 b",
      "## Phase 3: Core",
      "- [ ] T003 c",
    ];
    expect(phaseEdges(parse(lines))).toEqual(["Setup→Cleanup (SKIPPED)", "Setup→Core"]);
  });

  it("turns a phase-on-task statement into task edges for the phase's tasks", () => {
    const doc = parse([...storyList, "", "## Dependencies", "", "- **Foundational (Phase 2)**: Depende de T001"]);
    expect(pairs(doc)).toEqual(["T001→T002"]);
  });
});

describe("spec-kitty work packages", () => {
  it("reads each package's Dependencies section, 'None' included, instead of the default order", () => {
    const wp = (n: number, deps: string): string[] => [
      `## Work Package WP0${n}: Part ${n}`,
      "",
      `- [ ] T00${n} Do part ${n}`,
      "",
      "### Dependencies",
      deps,
      "",
    ];
    const doc = parse(
      [
        ...wp(1, "- None (foundation)"),
        ...wp(2, "- None (parallel with WP01)"),
        ...wp(3, "- Depends on WP01 (models), WP02 (services)"),
        ...wp(4, "- Depends on WP02"),
      ],
      "kitty-specs/001-x/tasks.md",
    );
    const title = (i: string): string =>
      doc.phases[Number(i)]?.heading.replace(/^Work Package (WP\d+).*$/, "$1") ?? "?";
    expect(doc.phaseEdges.map((e) => `${title(e.to)}→${title(e.from)}`).sort()).toEqual([
      "WP01→WP03",
      "WP02→WP03",
      "WP02→WP04",
    ]);
  });
});

describe("xe in-step order", () => {
  const xe = (extra: string[]): TaskDocument =>
    parse(
      ["---", "id: demo", "---", "## Step 1: Build", ...extra, "- [ ] T001 a", "- [ ] T002 b", "- [ ] T003 c"],
      ".xe/specs/demo/tasks.md",
    );

  it("chains a step's tasks by default", () => {
    expect(pairs(xe([]))).toEqual(["T001→T002", "T002→T003"]);
  });

  it("yields to the step's own statement that its tasks have no dependencies on each other", () => {
    expect(pairs(xe(["", "These tasks have no dependencies on each other.", ""]))).toEqual([]);
  });
});
