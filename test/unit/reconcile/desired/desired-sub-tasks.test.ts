import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../../src/config/schema.js";
import { desiredState } from "../../../../src/reconcile/desired/desired-state.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const PATH = ".kiro/specs/auth/tasks.md";
const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const desired = (text: string) => desiredState(parseTaskList(PATH, text), defaultConfig, ctx, "sha");
const issue = (state: ReturnType<typeof desired>, id: string) => {
  const found = state.issues.find((d) => d.key === `${PATH}#${id}`);
  if (!found) throw new Error(`no issue for ${id}`);
  return found;
};

const LIST = [
  "# Implementation Plan",
  "",
  "- [ ] 1. Session store",
  "- [x] 1.1 Interface",
  "- [x] 1.2 Redis store",
  "- [ ]* 1.3 Load tests",
  "- [ ] 2. Login",
  "  - [x] 2.1 Handler",
  "  - [ ] 2.2 Rate limit",
  "",
].join("\n");

describe("desiredState with sub-tasks", () => {
  const state = desired(LIST);

  it("makes a sub-task's issue a sub-issue of its parent task's issue", () => {
    expect(issue(state, "1.1").parentKey).toBe(`${PATH}#1`);
    expect(issue(state, "2.2").parentKey).toBe(`${PATH}#2`);
    expect(issue(state, "1").parentKey).toBe(`${PATH}#feature`);
  });

  it("closes a parent with its last required sub-task; an optional one left open does not hold it", () => {
    expect(issue(state, "1").done).toBe(true);
    expect(issue(state, "2").done).toBe(false);
    expect(desired(LIST.replace("  - [ ] 2.2", "  - [x] 2.2")).issues.find((d) => d.key === `${PATH}#2`)?.done).toBe(
      true,
    );
  });

  it("labels optional tasks 'optional'", () => {
    expect(issue(state, "1.3").labels).toContain("optional");
    expect(issue(state, "1.2").labels).not.toContain("optional");
    expect(state.labels.map((l) => l.name)).toContain("optional");
  });
});

describe("desiredState with more sub-tasks than GitHub holds under one issue", () => {
  it("puts a parent's first 100 sub-tasks under it and the rest under a phase issue; no issue gets more than 100", () => {
    const lines = ["# Implementation Plan", "", "## Store", "", "- [ ] 1. Session store"];
    for (let i = 1; i <= 103; i++) lines.push(`  - [ ] 1.${i} Part ${i}`);
    const state = desired(`${lines.join("\n")}\n`);
    const parents = (ids: string[]) => ids.map((id) => issue(state, id).parentKey);
    expect(parents(["1.1", "1.100"])).toEqual([`${PATH}#1`, `${PATH}#1`]);
    for (const key of parents(["1.101", "1.102", "1.103"]))
      expect(key).toMatch(new RegExp(`^${PATH.replace(/\./g, "\\.")}#phase:`));
    expect(state.issues.filter((d) => d.parentKey === `${PATH}#1`)).toHaveLength(100);
    const children = new Map<string, number>();
    for (const d of state.issues) if (d.parentKey) children.set(d.parentKey, (children.get(d.parentKey) ?? 0) + 1);
    expect(Math.max(...children.values())).toBeLessThanOrEqual(100);
  });
});
