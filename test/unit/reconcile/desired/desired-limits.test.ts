import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../../src/config/schema.js";
import { desiredState } from "../../../../src/reconcile/desired/desired-state.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const PATH = "specs/009-limits/tasks.md";
const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const id = (n: number) => `T${String(n).padStart(3, "0")}`;
const desired = (text: string) => desiredState(parseTaskList(PATH, text), defaultConfig, ctx, "sha");

describe("desiredState within GitHub's limits", () => {
  it("links the phase of a task with more than 50 blockers to its blockers' phases instead", () => {
    const setup = Array.from({ length: 60 }, (_, i) => `- [ ] ${id(i + 1)} Piece ${i + 1}`);
    const text = [
      "# Tasks: Limits",
      "",
      "## Phase 1: Setup",
      "",
      ...setup,
      "",
      "## Phase 2: Foundational",
      "",
      "- [ ] T061 Base",
      "",
      "## Phase 3: User Story 1 - Assemble (Priority: P1)",
      "",
      "- [ ] T062 [US1] Assemble everything (depends on T001-T060)",
      "",
    ].join("\n");
    const state = desired(text);
    const t062 = state.issues.find((d) => d.key === `${PATH}#T062`);
    const story = state.issues.find((d) => d.key === `${PATH}#phase:3`);
    expect(t062?.blockedByKeys).toEqual([]);
    expect(t062?.body).toContain("not all linked to it");
    expect(story?.blockedByKeys).toEqual([`${PATH}#phase:2`, `${PATH}#phase:1`]);
  });

  it("gives tasks outside any phase phase issues of their own past 100 sub-issues", () => {
    const tasks = Array.from({ length: 150 }, (_, i) => `- [ ] ${id(i + 1)} Loose task ${i + 1}`);
    const state = desired(["# Tasks: Flat", "", ...tasks, ""].join("\n"));
    const tracking = `${PATH}#feature`;
    const children = state.issues.filter((d) => d.parentKey === tracking);
    expect(children.map((d) => d.key)).toEqual([`${PATH}#phase:s:no-phase`, `${PATH}#phase:s:no-phase/2`]);
    expect(state.issues.filter((d) => d.parentKey === `${PATH}#phase:s:no-phase`)).toHaveLength(100);
    expect(state.issues.filter((d) => d.parentKey === `${PATH}#phase:s:no-phase/2`)).toHaveLength(50);
  });

  it("keeps a few tasks outside any phase directly under the tracking issue", () => {
    const state = desired("# Tasks: Small\n\n- [ ] T001 One\n- [ ] T002 Two\n");
    expect(state.issues.filter((d) => d.kind === "phase")).toEqual([]);
    expect(state.issues.filter((d) => d.parentKey === `${PATH}#feature`).map((d) => d.key)).toEqual([
      `${PATH}#T001`,
      `${PATH}#T002`,
    ]);
  });
});
