import { describe, expect, it } from "@jest/globals";
import { annotationsOf, chunked } from "../../../../src/gates/report/annotations.js";
import { verdictOf } from "../../../../src/gates/conclusion.js";
import type { GateResult } from "../../../../src/gates/gate-model.js";
import { GITHUB_LIMITS } from "../../../../src/github/limits.js";

const passed: GateResult[] = [
  { gate: "dependencies", passed: true, blocked: [] },
  { gate: "well-formed", passed: true, problems: [] },
];
const failed: GateResult[] = [
  {
    gate: "dependencies",
    passed: false,
    blocked: [
      {
        path: "specs/a/tasks.md",
        taskId: "T010",
        line: 20,
        tasks: [{ id: "T009", line: 19 }],
        phases: [{ index: 1, label: "Phase 2: Foundational", open: [{ id: "T003", line: 9 }] }],
      },
    ],
  },
  {
    gate: "well-formed",
    passed: false,
    problems: [{ path: "specs/a/tasks.md", line: 7, code: "duplicate-id", message: "duplicate task id T002" }],
  },
  {
    gate: "evidence",
    passed: false,
    missing: [{ path: "specs/a/tasks.md", taskId: "T011", line: 21, commands: ["npm test"] }],
  },
];

describe("verdictOf", () => {
  it.each<[string, readonly GateResult[], "strict" | "advisory", boolean, string, string]>([
    ["no task touched", passed, "strict", false, "success", "No tasks touched"],
    ["no task touched, even with failures (nothing to gate)", failed, "strict", false, "success", "No tasks touched"],
    ["all passed", passed, "strict", true, "success", "All gates passed"],
    ["strict with failures", failed, "strict", true, "failure", "3 gates failed"],
    ["advisory with failures", failed, "advisory", true, "neutral", "3 gates failed (advisory)"],
    ["one failure", [failed[1] as GateResult, passed[0] as GateResult], "strict", true, "failure", "1 gate failed"],
  ])("%s", (_name, results, mode, touched, conclusion, title) => {
    expect(verdictOf([...results], mode, touched)).toEqual({ conclusion, title });
  });
});

describe("annotationsOf", () => {
  it("puts each finding on its line, failure level in strict mode", () => {
    expect(annotationsOf(failed, "strict")).toEqual([
      {
        path: "specs/a/tasks.md",
        start_line: 20,
        end_line: 20,
        annotation_level: "failure",
        title: "T010 is blocked",
        message: "T010 waits for T009; Phase 2: Foundational (open: T003)",
      },
      {
        path: "specs/a/tasks.md",
        start_line: 7,
        end_line: 7,
        annotation_level: "failure",
        title: "Task list error (duplicate-id)",
        message: "duplicate task id T002",
      },
      {
        path: "specs/a/tasks.md",
        start_line: 21,
        end_line: 21,
        annotation_level: "failure",
        title: "T011 needs evidence",
        message: "Quote in the pull request description: npm test",
      },
    ]);
  });

  it("names the tasks an error holds back, and puts a held task the PR works on on its own line", () => {
    const held: GateResult = {
      gate: "well-formed",
      passed: false,
      problems: [
        { path: "specs/a/tasks.md", line: 9, code: "duplicate-id", message: "duplicate task id T002", held: ["T002"] },
        { path: "specs/a/tasks.md", line: 4, code: "held-task", message: "T002 is held back", held: ["T002"] },
      ],
    };
    expect(annotationsOf([held], "strict").map((a) => [a.start_line, a.title, a.message])).toEqual([
      [9, "Task list error (duplicate-id)", "duplicate task id T002 (holds back T002)"],
      [4, "T002 is held back", "T002 is held back"],
    ]);
  });

  it("uses the warning level in advisory mode", () => {
    expect(new Set(annotationsOf(failed, "advisory").map((a) => a.annotation_level))).toEqual(new Set(["warning"]));
  });

  it("has nothing for passed gates", () => {
    expect(annotationsOf(passed, "strict")).toEqual([]);
  });
});

describe("chunked", () => {
  it.each([
    [0, []],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
  ])("%i annotations → requests of %j", (count, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const chunks = chunked(items);
    expect(chunks.map((c) => c.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(items);
    expect(GITHUB_LIMITS.annotationsPerRequest).toBe(50);
  });
});
