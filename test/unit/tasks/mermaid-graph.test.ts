import { describe, expect, it } from "@jest/globals";
import { toMermaid } from "../../../src/tasks/mermaid-graph.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";

describe("toMermaid", () => {
  it("draws phases as subgraphs, phase edges, and explicit / structural task edges", () => {
    const doc = parseTaskList(
      "specs/x/tasks.md",
      ['## Phase 1: Setup "quoted"', "- [x] T001 First <b>", "## Phase 2: Build", "- [ ] T002 Second (depends on T001)", "", "## Other", "- [ ] T003 Loose"].join("\n"),
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

  it("cuts long labels", () => {
    const doc = parseTaskList("tasks.md", `- [ ] T001 ${"word ".repeat(30)}`);
    expect(toMermaid(doc, { labelLength: 10 })).toContain('t_T001["T001 word word…"]');
  });
});
