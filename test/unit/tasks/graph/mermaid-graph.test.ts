import { describe, expect, it } from "@jest/globals";
import { toMermaid } from "../../../../src/tasks/graph/mermaid-graph.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

describe("toMermaid", () => {
  it("draws phases as subgraphs, phase edges, and explicit / structural task edges", () => {
    const doc = parseTaskList(
      "specs/x/tasks.md",
      [
        '## Phase 1: Setup "quoted"',
        "- [x] T001 First <b>",
        "## Phase 2: Build",
        "- [ ] T002 Second (depends on T001)",
        "",
        "## Other",
        "- [ ] T003 Loose",
      ].join("\n"),
    );
    expect(toMermaid(doc)).toBe(
      [
        "flowchart TD",
        '  subgraph p_0["Phase 1: Setup #quot;quoted#quot;"]',
        '    t_T001["✔ T001 First #lt;b#gt;"]',
        "  end",
        '  subgraph p_1["Phase 2: Build"]',
        '    t_T002["T002 Second (depends on T001)"]',
        "  end",
        '  t_T003["T003 Loose"]',
        "  p_0 --> p_1",
        "  t_T001 --> t_T002",
        "",
      ].join("\n"),
    );
  });

  it("names each subgraph by its heading as written (a tier stays a tier), and keeps an empty phase with its edges", () => {
    const doc = parseTaskList(
      "specs/x/tasks.md",
      [
        "# Tasks: X",
        "## Tier 0: Foundations",
        "- [ ] T001 a",
        "## Phase 2: Empty",
        "## Phase 3: Build",
        "- [ ] T002 b",
      ].join("\n"),
    );
    const graph = toMermaid(doc);
    expect(graph).toContain('subgraph p_0["Tier 0: Foundations"]');
    expect(graph).toContain('subgraph p_1["Phase 2: Empty"]\n  end');
    expect(graph).toContain("  p_0 --> p_1\n  p_1 --> p_2\n");
  });

  it("keeps an xe step a step", () => {
    const doc = parseTaskList(
      ".xe/specs/blueprint/tasks.md",
      ["# Tasks: Blueprint", "## Step 10: Phase 4 Planning", "- [ ] T017: Plan Phase 4 features"].join("\n"),
    );
    expect(toMermaid(doc)).toContain('subgraph p_0["Step 10: Phase 4 Planning"]');
    expect(toMermaid(doc)).not.toContain("Phase 10");
  });

  it("cuts long labels", () => {
    const doc = parseTaskList("tasks.md", `- [ ] T001 ${"word ".repeat(30)}`);
    expect(toMermaid(doc, { labelLength: 10 })).toContain('t_T001["T001 word word…"]');
  });
});
