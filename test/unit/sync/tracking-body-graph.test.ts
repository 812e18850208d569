/** The tracking issue's Mermaid chart of phases: every phase, and every phase-order edge. */
import { describe, expect, it } from "@jest/globals";
import { phaseSlots } from "../../../src/sync/phase-keys.js";
import { renderTrackingBody } from "../../../src/sync/render-tracking-body.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";

const ctx = { owner: "octo", repo: "app", htmlUrl: "https://github.com/octo/app", defaultBranch: "main" };

function chart(text: string): string {
  const doc = parseTaskList("specs/x/tasks.md", text);
  const body = renderTrackingBody(ctx, doc, phaseSlots(doc), { kind: "tracking", path: doc.path });
  return /```mermaid\n([\s\S]*?)```/.exec(body)?.[1] ?? "";
}

describe("the tracking issue's phase chart", () => {
  it("keeps an empty phase and the edges through it, so the chain stays connected", () => {
    const graph = chart(["# Tasks: X", "## Phase 1: Setup", "- [x] T001 a", "## Phase 2: Foundational", "## Phase 3: Build", "- [ ] T002 b"].join("\n"));
    expect(graph.split("\n").filter((l) => l.includes("-->"))).toEqual(["  P0 --> P1", "  P1 --> P2"]);
    expect(graph).toContain('  P1["Phase 2: Foundational"]\n');
    expect(graph).toContain('  P0["Phase 1: Setup"]:::done');
  });
});
