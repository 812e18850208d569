/**
 * The tracking issue's Mermaid chart: every phase (and every phase-order edge), tasks inside their
 * phases for a short list, each coloured done / ready / blocked; and the "Ready now" list.
 */
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../../src/config/schema.js";
import { phaseSlots } from "../../../../src/reconcile/desired/phase-slots.js";
import { fileReadiness, taskReadiness } from "../../../../src/tasks/graph/readiness.js";
import { READY_LIST_LIMIT } from "../../../../src/reconcile/render/render-ready-list.js";
import { CHART_TASK_LIMIT } from "../../../../src/reconcile/render/render-tracking-chart.js";
import { renderTrackingBody } from "../../../../src/reconcile/render/render-tracking-body.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST, PATH } from "../../../fixtures/photo-albums.js";

const ctx = { owner: "octo", repo: "app", htmlUrl: "https://github.com/octo/app", defaultBranch: "main" };

function body(text: string, path = "specs/x/tasks.md"): string {
  const doc = parseTaskList(path, text);
  return renderTrackingBody(
    ctx,
    doc,
    phaseSlots(doc),
    { kind: "tracking", path: doc.path },
    { readiness: fileReadiness(doc), labels: defaultConfig.labels, featureLabel: "feature: x" },
  );
}
const chart = (text: string): string => /```mermaid\n([\s\S]*?)```/.exec(body(text))?.[1] ?? "";
const many = (n: number): string =>
  [
    "# Tasks: X",
    "## Phase 1: Setup",
    ...Array.from({ length: n }, (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")} Task ${i + 1}`),
  ].join("\n");

describe("the tracking issue's chart", () => {
  it("keeps an empty phase and the edges through it, so the chain stays connected", () => {
    const graph = chart(
      [
        "# Tasks: X",
        "## Phase 1: Setup",
        "- [x] T001 a",
        "## Phase 2: Foundational",
        "## Phase 3: Build",
        "- [ ] T002 b",
      ].join("\n"),
    );
    expect(graph.split("\n").filter((l) => l.includes("-->"))).toEqual(["  P0 --> P1", "  P1 --> P2"]);
    expect(graph).toContain('  P1["Phase 2: Foundational"]\n');
    expect(graph).toContain('  subgraph P0["Phase 1: Setup"]\n    T0["✔ T001 a"]\n  end');
  });

  it("colours tasks and phases done, ready and blocked, with a class line per state", () => {
    expect(chart(LIST)).toMatchInlineSnapshot(`
"flowchart LR
  subgraph P0["Phase 1: Setup"]
    T0["T001 Create project structure"]
    T1["✔ T002 Configure linting in eslint.config…"]
  end
  subgraph P1["Phase 2: Foundational (Blocking Prerequisites)"]
    T2["T003 Database schema in backend/schema.…"]
  end
  subgraph P2["Phase 3: User Story 1 - Upload photos (Priority: P1) 🎯 MVP"]
    T3["T004 Upload endpoint in backend/app.py"]
    T4["T005 Upload UI (depends on T004)"]
  end
  P0 --> P1
  P1 --> P2
  T3 --> T4
  class T1 done
  class P0,T0 ready
  class P1,T2,P2,T3,T4 blocked
  classDef done fill:#d3f9d8,stroke:#2f9e44
  classDef ready fill:#fff3bf,stroke:#f08c00
  classDef blocked fill:#ffe3e3,stroke:#e03131
"
`);
  });

  it("draws phases only for a long list, still coloured, and escapes what Mermaid would misread", () => {
    const graph = chart(many(CHART_TASK_LIMIT + 1).replace("Phase 1: Setup", 'Phase 1: "Setup" <fast>'));
    expect(graph).not.toContain("T0[");
    expect(graph).toContain('  P0["Phase 1: #quot;Setup#quot; #lt;fast#gt;"]\n');
    expect(graph).toContain("  class P0 ready\n");
  });
});

describe("the tracking issue's ready list", () => {
  it("names each ready task with its issue", () => {
    const text = body(LIST, PATH);
    expect(text).toContain(`**Ready now (1):**\n\n- {{tasksync-issue:${PATH}#T001}} T001 Create project structure\n`);
  });

  it("counts what it does not list, and links to every ready task of the feature", () => {
    const text = body(many(READY_LIST_LIMIT + 5));
    expect(text.match(/^- \{\{tasksync-issue:/gm)).toHaveLength(READY_LIST_LIMIT);
    expect(text).toContain(
      "- … and 5 more: [all ready tasks](https://github.com/octo/app/issues?q=is%3Aissue%20is%3Aopen%20label%3A%22ready%22%20label%3A%22feature%3A%20x%22)",
    );
  });

  it("says when nothing is ready, and says nothing once every task is done", () => {
    const cycle = [
      "# Tasks: X",
      "## Phase 1: Setup",
      "- [ ] T001 a (depends on T002)",
      "- [ ] T002 b (depends on T001)",
    ].join("\n");
    expect(body(cycle)).toContain("**Ready now:** nothing: every open task waits on another.");
    expect(body(["# Tasks: X", "## Phase 1: Setup", "- [x] T001 a"].join("\n"))).not.toContain("Ready now");
  });

  it("follows the readiness it is given (issues closed before their ticks)", () => {
    const doc = parseTaskList(PATH, LIST);
    const readiness = taskReadiness(doc, (t) => t.checked || t.id === "T001");
    const text = renderTrackingBody(
      ctx,
      doc,
      phaseSlots(doc),
      { kind: "tracking", path: PATH },
      { readiness, labels: defaultConfig.labels, featureLabel: "feature: photo-albums" },
    );
    expect(text).toContain(`- {{tasksync-issue:${PATH}#T003}} T003 Database schema`);
    expect(text).not.toContain(`#T001}}`);
  });
});
