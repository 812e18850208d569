import { describe, expect, it } from "@jest/globals";
import {
  extractStatements,
  type DependencyStatement,
  type Operand,
  type SegmentKind,
} from "../../../../src/tasks/dependencies/dependency-statements.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { IdIndex, findIdReferences, type IdReference } from "../../../../src/tasks/lines/task-ids.js";

const show = (refs: IdReference[]): string =>
  refs.map((r) => (r.kind === "id" ? r.id : r.kind === "range" ? `${r.from}..${r.to}` : `${r.from}+`)).join(",");
const side = (o: Operand): string => (o.refs.length > 0 ? show(o.refs) : `"${o.name}"`);
const summary = (s: DependencyStatement): string =>
  s.kind === "blocks"
    ? `${side(s.blocked)} <- ${side(s.blockers)}${s.pairwise ? " pairwise" : ""}`
    : `sequence ${show(s.ids)}`;
const extract = (
  text: string,
  owner: string | null = null,
  kind: SegmentKind = owner === null ? "prose" : "detail",
): string[] => extractStatements({ text, line: 1, owner, kind }).map(summary);

describe("extractStatements", () => {
  it.each([
    ["T008 blocks T009, T015", null, ["T009,T015 <- T008"]],
    ["- T004 (`startup-config-schema`) blocks T005 (`init-script`)", null, ["T005 <- T004"]],
    ["T006 (`agreement-template`) consumed by T007 and T011", null, ["T007,T011 <- T006"]],
    ["Implement service (depends on T012, T013)", "T014", ["T014 <- T012,T013"]],
    ["- Depends on: T003, T004", "T005", ["T005 <- T003,T004"]],
    ["- **Dependencies**: T002, T005 (test exists)", "T010", ["T010 <- T002,T005"]],
    ["**Depends on**: T004", "T006", ["T006 <- T004"]],
    ["Tests (T004-T007) before implementation (T008-T014)", null, ["T008..T014 <- T004..T007"]],
    ["T003-T010 must complete before T011-T014", null, ["T011..T014 <- T003..T010"]],
    ["- T017-T019 (Authority/Process) after T016 (Governance)", null, ["T017..T019 <- T016"]],
    ["T009 is blocked by T008", null, ["T009 <- T008"]],
    ["T002 can start after T001; T003 can start after setup.", null, ["T002 <- T001", 'T003 <- "setup"']],
    ["Setup (T001/T002) → Foundational (T003) → T004", null, ["T003 <- T001,T002", "T004 <- T003"]],
    ["T001 → T002 → {T003, T004}", null, ["T002 <- T001", "T003,T004 <- T002"]],
    ["T002,T003 → T022", null, ["T022 <- T002,T003"]],
    ["(T010 ∥ T011) + (T013 → T014 ∥ T015)", null, ["T014,T015 <- T013"]],
    ["T009..T015 after T008", null, ["T009..T015 <- T008"]],
    ["Polish (T030+) after T020", null, ["T030+ <- T020"]],
    [
      "tests T020–T023 come before their matching implementations T024–T027",
      null,
      ["T024..T027 <- T020..T023 pairwise"],
    ],
    ["- T006-T009 (same file: src/core/types.ts) must be sequential", null, ["sequence T006..T009"]],
    // Other languages.
    ["*(Depende de T001, T002.)*", "T003", ["T003 <- T001,T002"]],
    ["Dependencias: T004", "T005", ["T005 <- T004"]],
    ["T016 depois de T015", null, ["T016 <- T015"]],
    ["T007 dépend de T006", null, ["T007 <- T006"]],
    ["T007 hängt von T006 ab", null, ["T007 <- T006"]],
    ["T007 dipende da T006", null, ["T007 <- T006"]],
    ["T011 зависит от T004+T010", null, ["T011 <- T004,T010"]],
    ["Зависимости: T005", "T006", ["T006 <- T005"]],
    ["T019 — после T012/T013", null, ["T019 <- T012,T013"]],
    ["- T017可独立开始(T018依赖T017)", null, ["T018 <- T017"]],
    ["依赖: T031", "T032", ["T032 <- T031"]],
    ["T005はT003に依存", null, ["T005 <- T003"]],
    ["T010·T011 완료 후 T012", null, ["T012 <- T010,T011"]],
    ["T010, T011 완료 후", "T012", ["T012 <- T010,T011"]],
    // Names that may stand for phases or labelled groups.
    ["- US2 (Phase 4): Depends on Phase 3", null, ['"US2 (Phase 4):" <- "Phase 3"']],
    ["Types block T048-T052", null, ['T048..T052 <- "Types"']],
  ])("%j (owner %s)", (text, owner, expected) => {
    expect(extract(text, owner)).toEqual(expected);
  });

  it.each([
    ["T002 depends on the setup work. T003 follows.", null],
    ["- [ ] T001 Trim the __all__ block (see T003)", "T001"],
    ["T003 can start after setup.", null],
    ["- **Setup (T001-T005)** → Everything else", null],
    ["All Tier 0 features (T001-T003) can be implemented in parallel (no dependencies)", null],
    ["- T006 can run in parallel with T004-T005", null],
    ["5. Number tasks sequentially (T001-T064)", null],
    ["Run `T001 -> T002` in a code span", null],
    ["- T006, T007, T009 可并行(与T005无依赖)", null],
    ["T007 has no dependency on T003", null],
    ["T003 puede escribirse sin esperar a T002", null],
    ["Validation: contract test T005 passes", "T010"],
  ])("finds no dependency in %j", (text, owner) => {
    const tasks = Array.from({ length: 10 }, (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")} task ${i + 1}`);
    const line = owner === null ? ["", "## Notes", "", text] : [];
    const body =
      owner === null
        ? tasks
        : tasks.map((t) => (t.includes(`${owner} `) ? `- [ ] ${text.replace(/^- \[ \] /, "")}` : t));
    const doc = parseTaskList(
      "specs/001-x/tasks.md",
      ["# Tasks", "", "## Phase 1: Core", "", ...body, ...line, ""].join("\n"),
    );
    expect(doc.taskEdges).toEqual([]);
    expect(doc.groupEdges).toEqual([]);
  });

  it("reads only arrows in code, never words", () => {
    expect(
      extractStatements({ text: "T003 → T004 (sequential)   ║   T005 ║ T006", line: 3, owner: null, kind: "code" }).map(
        summary,
      ),
    ).toEqual(["T004 <- T003"]);
    expect(extractStatements({ text: "# wait for T010 before T012", line: 3, owner: null, kind: "code" })).toEqual([]);
  });
});

describe("task ids and ranges", () => {
  it("finds ids, ranges with -, –, —, .., 'through' and open ranges", () => {
    expect(
      show(
        findIdReferences(
          "T001, T003a – T004 and T01—T02, T7 through T9, T009..T015, (T030+), T004+T010, XT001, T001abc",
        ),
      ),
    ).toBe("T001,T003a..T004,T01..T02,T7..T9,T009..T015,T030+,T004,T010");
  });

  it("expands ranges over known ids numerically, suffixes included, and open ranges to the end", () => {
    const index = new IdIndex(["T001", "T002", "T003", "T003a", "T004", "T010", "T031", "T031a", "T031b", "T032"]);
    expect(index.expand("T002", "T004")).toEqual(["T002", "T003", "T003a", "T004"]);
    expect(index.expand("T004", "T002")).toEqual(["T002", "T003", "T003a", "T004"]);
    expect(index.expand("T031", "T031")).toEqual(["T031", "T031a", "T031b"]);
    expect(index.expand("T005", "T010")).toEqual(["T010"]);
    expect(index.expand("T040", "T050")).toEqual([]);
    expect(index.from("T031a")).toEqual(["T031a", "T031b", "T032"]);
    expect(index.from("T040")).toEqual([]);
  });
});
