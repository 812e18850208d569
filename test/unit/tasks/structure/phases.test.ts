import { describe, expect, it } from "@jest/globals";
import type { Phase } from "../../../../src/tasks/model.js";
import {
  comparePhaseNumbers,
  phasesInOrder,
  readPhaseHeading,
  structuralPhaseEdges,
} from "../../../../src/tasks/structure/phases.js";

describe("readPhaseHeading", () => {
  it.each([
    ["Phase 1: Setup (Shared Infrastructure)", "1", "Setup (Shared Infrastructure)", "setup", null, null, false],
    [
      "Phase 2: Foundational (Blocking Prerequisites)",
      "2",
      "Foundational (Blocking Prerequisites)",
      "foundational",
      null,
      null,
      false,
    ],
    [
      "Phase 3.2: Core Types & Schemas (Foundation)",
      "3.2",
      "Core Types & Schemas (Foundation)",
      "foundational",
      null,
      null,
      false,
    ],
    [
      "Phase 3: User Story 1 - Title (Priority: P1) 🎯 MVP",
      "3",
      "User Story 1 - Title (Priority: P1) 🎯 MVP",
      "story",
      "US1",
      "P1",
      true,
    ],
    [
      "Phase 3 — US1: Cruscotto (Priority P1, MVP)",
      "3",
      "US1: Cruscotto (Priority P1, MVP)",
      "story",
      "US1",
      "P1",
      true,
    ],
    [
      "Phase 1: Bare Abolition (US2 — FR-006 through FR-011)",
      "1",
      "Bare Abolition (US2 — FR-006 through FR-011)",
      "story",
      "US2",
      null,
      false,
    ],
    ["Phase 2: 后端（US1-US3 的能力基础）", "2", "后端（US1-US3 的能力基础）", "other", null, null, false],
    ["Phase N: Polish & Cross-Cutting Concerns", null, "Polish & Cross-Cutting Concerns", "polish", null, null, false],
    ["Phase 6: Polish / Cross-Cutting", "6", "Polish / Cross-Cutting", "polish", null, null, false],
    ["Phase 3.10: Scripts and Utilities", "3.10", "Scripts and Utilities", "other", null, null, false],
    ["Phase 0: Setup", "0", "Setup", "setup", null, null, false],
    ["User Story 2 - Share (Priority: P2)", null, "User Story 2 - Share (Priority: P2)", "story", "US2", "P2", false],
  ])("%j", (heading, number, title, kind, story, priority, mvp) => {
    expect(readPhaseHeading(heading, "spec-kit")).toEqual({
      heading,
      number,
      title,
      kind,
      story,
      priority,
      mvp,
      skipped: false,
    });
  });

  it.each([
    ["Phase Dependencies"],
    ["Dependencies & Execution Order"],
    ["Tests for User Story 1"],
    ["2.1 Template Extraction"],
    ["Notes"],
  ])("%j is not a phase", (heading) => {
    expect(readPhaseHeading(heading, "spec-kit")).toBeNull();
  });

  it("makes every xe heading a step and reads Tier headings", () => {
    expect(readPhaseHeading("Step 10: Phase 4 Planning", "xe")).toMatchObject({
      number: "10",
      title: "Phase 4 Planning",
      kind: "step",
    });
    expect(readPhaseHeading("Tier 0: Foundation", "xe")).toMatchObject({
      number: "0",
      title: "Foundation",
      kind: "step",
    });
  });
});

describe("phase order", () => {
  it("compares numbers numerically", () => {
    expect(["3.10", "3.2", "3.1", "10", "2", "3.9"].sort(comparePhaseNumbers)).toEqual([
      "2",
      "3.1",
      "3.2",
      "3.9",
      "3.10",
      "10",
    ]);
    expect(comparePhaseNumbers(null, "1")).toBeGreaterThan(0);
  });

  const phase = (index: number, number: string | null, kind: Phase["kind"]): Phase => ({
    index,
    number,
    kind,
    title: `p${index}`,
    heading: `p${index}`,
    line: index + 1,
    depth: 2,
    story: null,
    priority: null,
    mvp: false,
    checkpoint: null,
    taskIds: [],
    skipped: false,
  });
  const edges = (phases: Phase[]): string[] => structuralPhaseEdges(phases).map((e) => `${e.from}<-${e.to}`);

  it("keeps the document's order, whatever the numbers say", () => {
    const phases = [
      phase(0, "3.10", "other"),
      phase(1, "3.2", "other"),
      phase(2, null, "other"),
      phase(3, "3.9", "other"),
    ];
    expect(phasesInOrder([...phases].reverse()).map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(edges(phases)).toEqual(["1<-0", "2<-1", "3<-2"]);
  });

  it.each([
    [
      "setup → foundational → stories → polish",
      [
        ["1", "setup"],
        ["2", "foundational"],
        ["3", "story"],
        ["4", "story"],
        ["5", "polish"],
      ],
      ["1<-0", "2<-1", "3<-1", "4<-2", "4<-3"],
    ],
    [
      "stories wait for setup when there is no foundational phase",
      [
        ["0", "setup"],
        ["1", "story"],
        ["2", "story"],
        ["3", "polish"],
      ],
      ["1<-0", "2<-0", "3<-1", "3<-2"],
    ],
    [
      "an other phase after stories waits for the run of stories",
      [
        ["1", "setup"],
        ["2", "story"],
        ["3", "story"],
        ["4", "other"],
        ["5", "polish"],
      ],
      ["1<-0", "2<-0", "3<-1", "3<-2", "4<-1", "4<-2", "4<-3"],
    ],
    [
      "no story phases: a chain",
      [
        ["3.1", "setup"],
        ["3.2", "other"],
        ["3.3", "other"],
        ["3.4", "polish"],
      ],
      ["1<-0", "2<-1", "3<-2"],
    ],
    [
      "xe steps: a chain",
      [
        ["1", "step"],
        ["2", "step"],
        ["10", "step"],
      ],
      ["1<-0", "2<-1"],
    ],
  ])("%s", (_name, spec, expected) => {
    const phases = (spec as [string, Phase["kind"]][]).map(([n, k], i) => phase(i, n, k));
    expect(edges(phases)).toEqual(expected);
  });
});
