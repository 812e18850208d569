import { describe, expect, it } from "@jest/globals";
import { extractStatements, type DependencyStatement } from "../../../src/tasks/dependency-statements.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import type { IdReference } from "../../../src/tasks/task-ids.js";
import { IdIndex, findIdReferences } from "../../../src/tasks/task-ids.js";

const show = (refs: IdReference[]): string => refs.map((r) => (r.kind === "id" ? r.id : `${r.from}..${r.to}`)).join(",");
const summary = (s: DependencyStatement): string =>
  s.kind === "blocks" ? `${show(s.blocked)} <- ${show(s.blockers)}` : `sequence ${show(s.ids)}`;

describe("extractStatements", () => {
  it.each([
    ["T008 blocks T009, T015", null, ["T009,T015 <- T008"]],
    ["- T004 (`startup-config-schema`) blocks T005 (`init-script`)", null, ["T005 <- T004"]],
    ["T006 (`agreement-template`) consumed by T007 and T011", null, ["T007,T011 <- T006"]],
    ["Implement service (depends on T012, T013)", "T014", ["T014 <- T012,T013"]],
    ["- Depends on: T003, T004", "T005", ["T005 <- T003,T004"]],
    ["[depends: T01,T02] Tag dependency", "T03", ["T03 <- T01,T02"]],
    ["**Depends on T004b completion**", "T005", ["T005 <- T004b"]],
    ["Tests (T004-T007) before implementation (T008-T014)", null, ["T008..T014 <- T004..T007"]],
    ["T003-T010 must complete before T011-T014", null, ["T011..T014 <- T003..T010"]],
    ["- Tests (T001–T005) before T006", null, ["T006 <- T001..T005"]],
    ["- T017-T019 (Authority/Process) after T016 (Governance)", null, ["T017..T019 <- T016"]],
    ["T009 is blocked by T008", null, ["T009 <- T008"]],
    ["Setup (T001/T002) → Foundational (T003) → T004", null, ["T003 <- T001,T002", "T004 <- T003"]],
    ["- **Tests (T013-T027)** -> Implementation (T028-T063)", null, ["T028..T063 <- T013..T027"]],
    ["- T006-T009 (same file: src/core/types.ts) must be sequential", null, ["sequence T006..T009"]],
  ])("%j (owner %s)", (text, owner, expected) => {
    expect(extractStatements(text, 1, owner).map(summary)).toEqual(expected);
  });

  it.each([
    ["- **Setup (T001-T005)** → Everything else"],
    ["Tier 1 features (T004-T007) depend on Tier 0 completion"],
    ["All Tier 0 features (T001-T003) can be implemented in parallel (no dependencies)"],
    ["- T006 can run in parallel with T004-T005"],
    ["Foundational (Phase 2): Depends on Setup completion - BLOCKS all user stories"],
    ["5. Number tasks sequentially (T001-T064)"],
    ["Run `T001 -> T002` in a code span"],
  ])("finds no dependency in %j", (text) => {
    expect(extractStatements(text, 1, null)).toEqual([]);
  });

  it("keeps the statement's line and owner", () => {
    expect(extractStatements("depends on T001", 7, "T002")).toEqual([
      { kind: "blocks", line: 7, owner: "T002", blocked: [{ kind: "id", id: "T002" }], blockers: [{ kind: "id", id: "T001" }] },
    ]);
  });
});

describe("task ids and ranges", () => {
  it("finds ids and ranges with -, –, — and 'through'", () => {
    expect(show(findIdReferences("T001, T003a – T004 and T01—T02, T7 through T9, XT001, T001abc"))).toBe("T001,T003a..T004,T01..T02,T7..T9");
  });

  it("expands ranges over known ids numerically, suffixes included", () => {
    const index = new IdIndex(["T001", "T002", "T003", "T003a", "T004", "T010", "T031", "T031a", "T031b", "T032"]);
    expect(index.expand("T002", "T004")).toEqual(["T002", "T003", "T003a", "T004"]);
    expect(index.expand("T004", "T002")).toEqual(["T002", "T003", "T003a", "T004"]);
    expect(index.expand("T031", "T031")).toEqual(["T031", "T031a", "T031b"]);
    expect(index.expand("T005", "T010")).toEqual(["T010"]);
    expect(index.expand("T040", "T050")).toEqual([]);
  });
});

describe("dependency resolution in a document", () => {
  it("reports a self-dependency as a cycle but ignores self in a range", () => {
    const doc = parseTaskList("tasks.md", "- [ ] T001 a (depends on T001)\n- [ ] T002 b (depends on T001-T003)\n- [ ] T003 c\n");
    expect(doc.diagnostics.map((d) => [d.code, d.line])).toEqual([["dependency-cycle", 1]]);
    expect(doc.tasks.map((t) => t.blockedBy)).toEqual([[], ["T001", "T003"], []]);
  });

  it("warns about unknown range ends in prose but still links the known ids", () => {
    const doc = parseTaskList("tasks.md", "- [ ] T001 a\n- [ ] T002 b\n\nNotes: T001-T009 before T002 and T010\n");
    const found = doc.diagnostics.map((d) => [d.severity, d.line, d.message]);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        ["warning", 4, "dependency statement names unknown task T009"],
        ["warning", 4, "dependency statement names unknown task T010"],
      ]),
    );
    expect(doc.taskEdges).toEqual([{ from: "T002", to: "T001", source: "explicit", line: 4 }]);
  });

  it("reports one cycle per strongly connected group, naming the ids", () => {
    const text = ["- [ ] T001 a", "- [ ] T002 b", "- [ ] T003 c", "- [ ] T004 d", "", "- T001 blocks T002", "- T002 blocks T003", "- T003 blocks T001", "- T004 blocks T004"].join("\n");
    const doc = parseTaskList("tasks.md", text);
    const cycles = doc.diagnostics.filter((d) => d.code === "dependency-cycle").map((d) => d.message);
    expect(cycles).toEqual([
      "dependency cycle: T001 → T003 → T002 → T001 (each waits for the next)",
      "dependency cycle: T004 depends on itself",
    ]);
  });
});
