/** Group edges where they are consumed: planner links, the dependency gate, the Mermaid graph. */
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../../src/config/schema.js";
import { DoneTasks } from "../../../../src/gates/rules/done-tasks.js";
import { dependencyGate } from "../../../../src/gates/rules/gate-dependencies.js";
import type { FeatureDocs } from "../../../../src/gates/gate-model.js";
import { desiredState } from "../../../../src/reconcile/desired/desired-state.js";
import { toMermaid } from "../../../../src/tasks/graph/mermaid-graph.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const PATH = "specs/010-groups/tasks.md";
const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const id = (n: number): string => `T${String(n).padStart(3, "0")}`;
const range = (from: number, to: number, ticked = false): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `- [${ticked ? "x" : " "}] ${id(from + i)} Piece ${from + i}`);

/** Tests (T001-T010, Phase 1) before implementation (T012-T021, Phase 3): one group edge over Phase 2. */
const text = (testsDone: boolean): string =>
  [
    "# Tasks: Groups",
    "",
    "## Phase 1: Tests",
    "",
    ...range(1, 9, testsDone),
    `- [ ] T010 Piece 10`,
    "",
    "## Phase 2: Docs",
    "",
    "- [ ] T011 Write docs",
    "",
    "## Phase 3: Implementation",
    "",
    ...range(12, 21),
    "",
    "## Dependencies",
    "",
    "- Tests (T001-T010) before implementation (T012-T021)",
    "",
  ].join("\n");

describe("group edges", () => {
  const doc = parseTaskList(PATH, text(false));

  it("are one group in the document, not 100 task edges", () => {
    expect(doc.groupEdges).toHaveLength(1);
    expect(doc.taskEdges).toEqual([]);
  });

  it("link the blocked tasks' phase to the blockers' phase instead of task to task", () => {
    const state = desiredState(doc, defaultConfig, ctx, "sha");
    const implementation = state.issues.find((d) => d.key === `${PATH}#phase:3`);
    const task = state.issues.find((d) => d.key === `${PATH}#T015`);
    expect(implementation?.blockedByKeys).toEqual([`${PATH}#phase:2`, `${PATH}#phase:1`]);
    expect(task?.blockedByKeys).toEqual([]);
    expect(state.issues.filter((d) => d.kind === "task").every((d) => d.blockedByKeys.length === 0)).toBe(true);
  });

  it("hold back a worked task of the blocked side until every blocker is done", () => {
    const gate = (source: string) => {
      const head = parseTaskList(PATH, source);
      const features: FeatureDocs[] = [{ path: PATH, base: head, head, changed: true }];
      return dependencyGate(
        features,
        [{ path: PATH, id: "T015", reasons: ["ticks"] }],
        new DoneTasks(features, new Set()),
      );
    };
    const open = gate(text(false));
    expect(open.passed).toBe(false);
    expect(open.blocked[0]?.tasks.map((t) => t.id)).toEqual(range(1, 10).map((l) => l.slice(6, 10)));
    const almost = gate(text(true));
    expect(almost.blocked[0]?.tasks.map((t) => t.id)).toEqual(["T010"]);
  });

  it("draw as one node in the Mermaid graph, N + M lines", () => {
    const graph = toMermaid(doc);
    expect(graph).toContain(`g_0(("T001…T010 (10) before T012…T021 (10)"))`);
    expect(graph.split("\n").filter((l) => l.includes("g_0")).length).toBe(1 + 10 + 10);
  });
});
