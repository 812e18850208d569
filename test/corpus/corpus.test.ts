/**
 * The parser over the shared corpus of real task lists (../shared/corpus/real, see its
 * INDEX.tsv), when that folder exists: concrete results per file.
 */
import { describe, expect, it } from "@jest/globals";
import type { DiagnosticCode, Dialect, TaskDocument } from "../../src/tasks/model.js";
import { parseTaskList } from "../../src/tasks/parse-tasks.js";
import { corpusAvailable, corpusFiles } from "../../scripts/corpus/corpus-files.js";
import { scoreFile, totals, type FileScore } from "../../scripts/corpus/score.js";
import { truthFor } from "../../scripts/corpus/truth-files.js";
import { netTotals, scoreNet, type NetScore } from "../../scripts/corpus/net-score.js";

/**
 * What the parser reaches over the files that have a truth file (../shared/corpus/truth), micro-averaged
 * (npm run score:corpus prints the per-file figures). A floor only ever goes up.
 */
const FLOORS = {
  taskRecall: 0.99,
  taskPrecision: 0.99,
  attributeAccuracy: 0.99,
  edgePrecision: 0.99,
  edgeRecall: 0.98,
};

/** The unread-statement net: a ceiling on its noise (issue 21: ≤ 1 flagged line per 20 tasks), a floor on what it catches. */
const NET_FLOORS = { flagsPer20: 1, coverage: 0.14 };

interface Expected {
  dialect: Dialect;
  tasks: number;
  first: string | null;
  last: string | null;
  ticked: number;
  phases: number;
  /** Diagnostic code → count (codes not listed: 0). */
  diagnostics: Partial<Record<DiagnosticCode, number>>;
  check?: (doc: TaskDocument) => void;
}

const blockedBy = (doc: TaskDocument, id: string): string[] =>
  doc.tasks.find((t) => t.id === id)?.blockedBy ?? ["<missing>"];

const EXPECTED: Record<string, Expected> = {
  "Xerilium__catalyst__.xe__specs__blueprint__tasks.md": {
    dialect: "xe",
    tasks: 21,
    first: "T001",
    last: "T021",
    ticked: 0,
    phases: 10,
    diagnostics: { "duplicate-id": 1 },
    check: (doc) => {
      expect(doc.diagnostics.find((d) => d.code === "duplicate-id")).toMatchObject({ line: 74, taskId: "T017" });
      expect(doc.phases.map((p) => p.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "10", "11", "12"]);
      expect(blockedBy(doc, "T002")).toEqual([]); // a [P] batch at the start of a step
      expect(blockedBy(doc, "T014")).toEqual(["T013"]);
    },
  },
  "Xerilium__catalyst-founders-agreement__.xe__specs__blueprint__tasks.md": {
    dialect: "xe",
    tasks: 17,
    first: "T001",
    last: "T017",
    ticked: 0,
    phases: 5,
    diagnostics: {},
    check: (doc) => {
      expect(doc.phases.map((p) => p.title)).toEqual([
        "Foundation",
        "Core Configuration",
        "Automation",
        "Section Processing",
        "Finalization",
      ]);
      expect(blockedBy(doc, "T011")).toEqual(["T006", "T007", "T010"]);
      expect(blockedBy(doc, "T014")).toEqual(["T011", "T013"]);
    },
  },
  "akiojin__gwt__specs__SPEC-1787__tasks.md": {
    dialect: "spec-kit",
    tasks: 39,
    first: "T001",
    last: "T039",
    ticked: 0,
    phases: 7,
    diagnostics: {},
    check: (doc) => {
      expect(doc.feature.id).toBe("SPEC-1787");
      expect(doc.phases.map((p) => p.story)).toEqual([null, "US2", "US1", "US5", "US3", "US4", null]);
      expect(doc.tasks.find((t) => t.id === "T002")?.story).toBe("US2");
      expect(doc.tasks.find((t) => t.id === "T001")?.details).toEqual([
        "- `cargo build -p gwt-core -p gwt-tui`",
        "- `cargo test -p gwt-core -p gwt-tui`",
      ]);
    },
  },
  "themetriost__Sertor__specs__022-osservabilita-tui-live__tasks.md": {
    dialect: "spec-kit",
    tasks: 12,
    first: "T001",
    last: "T012",
    ticked: 0,
    phases: 5,
    diagnostics: {},
    check: (doc) => {
      expect(doc.tasks.every((t) => t.checkboxOffset === -1)).toBe(true);
      expect(doc.phases[2]).toMatchObject({ story: "US1", priority: "P1", mvp: true });
      expect(blockedBy(doc, "T005")).toEqual(["T003", "T004"]);
    },
  },
  "jdu211171__schedule-website__specs__103-our-website-has__tasks.md": {
    dialect: "spec-kit",
    tasks: 13,
    first: "T001",
    last: "T013",
    ticked: 0,
    phases: 5,
    diagnostics: {},
    check: (doc) => {
      expect(doc.phases.map((p) => p.number)).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5"]);
      expect(blockedBy(doc, "T007")).toEqual(["T003", "T004", "T005", "T006"]);
      expect(doc.phaseEdges).toHaveLength(4);
    },
  },
  "github__spec-kit__templates__tasks-template.md": {
    dialect: "spec-kit",
    tasks: 28,
    first: "T001",
    last: "T028",
    ticked: 0,
    phases: 5,
    diagnostics: {},
    check: (doc) => {
      expect(blockedBy(doc, "T014")).toEqual(["T012", "T013"]);
      // "Phase N: Polish" holds only TXXX placeholders: a phase after the last one with tasks that has none is no phase
      expect(doc.phases.map((p) => p.kind)).toEqual(["setup", "foundational", "story", "story", "story"]);
      expect(doc.feature.frontmatter).toEqual({ description: "Task list template for feature implementation" });
    },
  },
  "arimxyer__pass-cli__specs__011-doctor-command-for__tasks.md": {
    dialect: "spec-kit",
    tasks: 81,
    first: "T001",
    last: "T078",
    ticked: 71,
    phases: 5,
    diagnostics: {},
    check: (doc) => {
      expect(doc.tasks.map((t) => t.id)).toEqual(expect.arrayContaining(["T003a", "T031a", "T031b"]));
      expect(doc.tasks.find((t) => t.id === "T001")).toMatchObject({ tags: ["Setup"], parallel: true, marker: "X" });
      expect(blockedBy(doc, "T033")).toEqual(["T034", "T035", "T036"]);
    },
  },
  "spec-kitty__spec-kitty__kitty-specs__ci-terminal-cancel-verdict-01M2NC7Z__tasks.md": {
    // its subtasks are listed only in a Subtask Index table and as WP prose: no checkbox task
    dialect: "spec-kitty",
    tasks: 0,
    first: null,
    last: null,
    ticked: 0,
    phases: 0,
    diagnostics: { "no-tasks": 1 },
  },
  "yokota101010__PerformanceFlow__specs__003-partner-management__tasks.md": {
    dialect: "spec-kit",
    tasks: 41,
    first: "T001",
    last: "T041",
    ticked: 0,
    phases: 8,
    diagnostics: {},
    check: (doc) => {
      expect(doc.phases.map((p) => p.kind)).toEqual([
        "setup",
        "foundational",
        "story",
        "story",
        "story",
        "story",
        "other",
        "polish",
      ]);
      const polishBlockers = doc.phaseEdges
        .filter((e) => e.from === "7")
        .map((e) => Number(e.to))
        .sort();
      expect(polishBlockers).toEqual([2, 3, 4, 5, 6]);
    },
  },
  "panda439__hify__specs__003-retrieval-playground__tasks.md": {
    dialect: "spec-kit",
    tasks: 19,
    first: "T001",
    last: "T019",
    ticked: 18,
    phases: 4,
    diagnostics: {},
    check: (doc) => {
      expect(doc.tasks.find((t) => t.id === "T018")).toMatchObject({
        marker: "~",
        status: "in-progress",
        checked: false,
      });
      expect(doc.tasks.find((t) => t.id === "T018")?.details).toHaveLength(3);
      expect(doc.phases[1]?.story).toBeNull(); // "US1-US3" names several stories
    },
  },
  "Auriora__agent-workbench__docs__specs__020-multi-file-post-edit-repair__tasks.md": {
    dialect: "spec-kit",
    tasks: 5,
    first: "T001",
    last: "T005",
    ticked: 0,
    phases: 0,
    diagnostics: {},
    check: (doc) => {
      expect(doc.feature).toMatchObject({
        id: "020-multi-file-post-edit-repair",
        title: "Multi-file post-edit repair tasks",
      });
      expect(blockedBy(doc, "T004")).toEqual(["T002", "T003"]); // the task's own text, and the fenced "T001 -> T002 -> …" graph
      expect(blockedBy(doc, "T005")).toEqual(["T003", "T004"]);
    },
  },
  "Swimhack__Field-Snap-AI__specs__001-build-field-snap__tasks.md": {
    dialect: "spec-kit",
    tasks: 64,
    first: "T001",
    last: "T064",
    ticked: 0,
    phases: 12,
    diagnostics: {},
    check: (doc) => {
      const byNumber = new Map(doc.phases.map((p) => [p.number, String(p.index)]));
      expect(doc.phaseEdges.find((e) => e.from === byNumber.get("3.10"))?.to).toBe(byNumber.get("3.9"));
      expect(blockedBy(doc, "T007")).toContain("T006");
      expect(blockedBy(doc, "T036")).toEqual(expect.arrayContaining(["T028", "T029", "T030", "T031"]));
    },
  },
  "Dorotel__MTM_WIP_Application_Avalonia__specs__001-100-fully-developed__tasks.md": {
    dialect: "spec-kit",
    tasks: 33,
    first: "T027",
    last: "T031",
    ticked: 31,
    phases: 5,
    diagnostics: { "duplicate-id": 4 },
    check: (doc) => {
      const duplicates = doc.diagnostics.filter((d) => d.code === "duplicate-id");
      expect(duplicates.map((d) => d.taskId)).toEqual(["T027", "T028", "T032", "T033"]);
      expect(doc.tasks.find((t) => t.id === "T026")?.checked).toBe(false); // the mid-line header copy is not a task
      expect(doc.phases.map((p) => p.number)).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5"]);
    },
  },
  "TomasPalsson__TerminalWebsite__.specify__templates__tasks-template.md": {
    dialect: "spec-kit",
    tasks: 0,
    first: null,
    last: null,
    ticked: 0,
    phases: 0,
    diagnostics: { "no-tasks": 1 },
  },
  "samotage__claude_monitor__openspec__changes__01_codebase-restructure__tasks.md": {
    // OpenSpec path, but every checkbox is ID-less ("- [ ] Create `lib/` directory"): no task ids to sync
    dialect: "openspec",
    tasks: 0,
    first: null,
    last: null,
    ticked: 0,
    phases: 5,
    diagnostics: { "task-without-id": 80, "no-tasks": 1 },
    check: (doc) => expect(doc.feature.id).toBe("01_codebase-restructure"),
  },
};

if (corpusAvailable("corpus parser tests")) {
  const files = corpusFiles();

  describe("real task lists (../shared/corpus/real)", () => {
    it("has an expectation or a truth file for every corpus file, never both", () => {
      const covered = files.filter((f) => (EXPECTED[f.file] !== undefined) !== (truthFor(f.file) !== null));
      expect(covered.map((f) => f.file)).toEqual(files.map((f) => f.file));
      expect(Object.keys(EXPECTED).filter((k) => !files.some((f) => f.file === k))).toEqual([]);
    });

    it("reads the files that have a truth file as a careful reader does (tasks, attributes, edges)", () => {
      const scores: FileScore[] = [];
      for (const { file, path, text } of files) {
        const truth = truthFor(file);
        if (!truth) continue;
        const doc = parseTaskList(path, text);
        for (const t of doc.tasks) if (t.checkboxOffset >= 0) expect(text[t.checkboxOffset]).toBe(t.marker);
        scores.push(scoreFile(doc, truth));
      }
      expect(scores.length).toBeGreaterThanOrEqual(24);
      const all = totals(scores);
      for (const [key, floor] of Object.entries(FLOORS))
        expect({ [key]: all[key as keyof typeof all] >= floor }).toEqual({ [key]: true });
    });

    it("flags at most one unread dependency statement per 20 tasks, and covers the missed edges it can see", () => {
      let flagged = 0;
      let tasks = 0;
      const nets: NetScore[] = [];
      for (const { file, path, text } of files) {
        const doc = parseTaskList(path, text);
        flagged += doc.diagnostics.filter((d) => d.code === "unread-dependency").length;
        tasks += doc.tasks.length;
        const truth = truthFor(file);
        if (truth) nets.push(scoreNet(doc, text, truth));
      }
      expect(tasks).toBeGreaterThan(1000);
      expect((flagged * 20) / tasks).toBeLessThanOrEqual(NET_FLOORS.flagsPer20);
      // the net speaks at all: some flagged lines, and missed edges caught on them
      expect(flagged).toBeGreaterThan(0);
      expect(netTotals(nets).coverage).toBeGreaterThanOrEqual(NET_FLOORS.coverage);
    });

    it.each(files.filter((f) => EXPECTED[f.file]).map((f) => [f.file, f] as const))("%s", (file, { path, text }) => {
      const e = EXPECTED[file];
      if (!e) throw new Error(`no expectation for ${file}`);
      const doc = parseTaskList(path, text);
      const ids = doc.tasks.map((t) => t.id);
      expect({
        dialect: doc.dialect,
        tasks: ids.length,
        first: ids[0] ?? null,
        last: ids.at(-1) ?? null,
        ticked: doc.tasks.filter((t) => t.checked).length,
        phases: doc.phases.length,
      }).toEqual({
        dialect: e.dialect,
        tasks: e.tasks,
        first: e.first,
        last: e.last,
        ticked: e.ticked,
        phases: e.phases,
      });
      const counts: Partial<Record<DiagnosticCode, number>> = {};
      // the net's warnings move with the grammar: they have their own test above
      for (const d of doc.diagnostics) if (d.code !== "unread-dependency") counts[d.code] = (counts[d.code] ?? 0) + 1;
      expect(counts).toEqual(e.diagnostics);
      expect(new Set(ids).size).toBe(ids.length);
      for (const t of doc.tasks) if (t.checkboxOffset >= 0) expect(text[t.checkboxOffset]).toBe(t.marker);
      e.check?.(doc);
    });
  });
}
