import { describe, expect, it } from "@jest/globals";
import { DoneTasks } from "../../../../src/gates/rules/done-tasks.js";
import { evaluateGates } from "../../../../src/gates/evaluate-gates.js";
import { fitText, TRUNCATED_NOTE } from "../../../../src/gates/report/fit-text.js";
import type { FeatureDocs, WorkedTask } from "../../../../src/gates/gate-model.js";
import { prWork } from "../../../../src/gates/rules/pr-work.js";
import { renderOutput, type SummaryInput } from "../../../../src/gates/report/render-summary.js";
import { taskRefsOf } from "../../../../src/gates/rules/task-refs.js";
import { GITHUB_LIMITS } from "../../../../src/github/limits.js";
import { taskKey } from "../../../../src/identity/marker.js";
import { changedList, SPEC_KIT, SPEC_PATH, tick } from "../gate-fixtures.js";

const links = {
  issueUrls: new Map([[taskKey(SPEC_PATH, "T004"), "https://github.com/octo/albums/issues/4"]]),
  fileUrl: (path: string, line: number) => `https://github.com/octo/albums/blob/abc123/${path}#L${line}`,
};

function input(
  features: FeatureDocs[],
  title: string,
  closed: string[] = [],
  mode: "strict" | "advisory" = "strict",
): SummaryInput {
  const { worked, unresolved } = prWork({ features, refs: taskRefsOf(title, "main"), closing: [] });
  const doneIssues = new Set(closed.map((id) => taskKey(SPEC_PATH, id)));
  const results = evaluateGates({ features, worked, doneIssues, config: { evidence: false }, body: "" });
  return {
    results,
    features,
    worked,
    unresolved,
    done: new DoneTasks(features, doneIssues),
    links,
    mode,
    touched: true,
  };
}

describe("renderOutput", () => {
  it("names the failed gate with links to the blocking issue, the passed gate, notes and the progress table", () => {
    const output = renderOutput(
      input([changedList(SPEC_PATH, SPEC_KIT, tick(SPEC_KIT, "T002", "T005"))], "T099 endpoint", ["T003"]),
    );
    expect(output.summary).toMatchInlineSnapshot(`
"### ❌ Dependencies: tasks worked on before their blockers are done

- T005 ([tasks.md#L15](https://github.com/octo/albums/blob/abc123/specs/001-photo-albums/tasks.md#L15)) waits for [T004](https://github.com/octo/albums/issues/4)

✅ Well-formed: the task lists this pull request changes parse without errors  

**Tasks this pull request works on:** T002 ([tasks.md#L9](https://github.com/octo/albums/blob/abc123/specs/001-photo-albums/tasks.md#L9)), T005 ([tasks.md#L15](https://github.com/octo/albums/blob/abc123/specs/001-photo-albums/tasks.md#L15))

_Named in the title or branch but found in no task list it could mean: T099._

### Progress

**Photo Albums** (\`specs/001-photo-albums/tasks.md\`)

| Phase | Done | This PR |
| --- | --- | --- |
| Phase 1: Setup | 1/1 ✅ |  |
| Phase 2: Foundational (Blocking Prerequisites) | 2/2 ✅ | T002 |
| Phase 3: User Story 1 - Create albums (Priority: P1) | 1/3 | T005 |
| Phase 4: User Story 2 - Share albums (Priority: P2) | 0/1 |  |
| **All** | **4/7** | 2 |
"
`);
  });

  it("draws where the PR's tasks sit: their phases, the phases they wait for, their blockers", () => {
    const output = renderOutput(input([changedList(SPEC_PATH, SPEC_KIT, tick(SPEC_KIT, "T005"))], ""));
    expect(output.text).toMatchInlineSnapshot(`
"### Where this pull request's tasks sit

**Photo Albums** (\`specs/001-photo-albums/tasks.md\`)

\`\`\`mermaid
flowchart TD
  subgraph p_1["Phase 2: Foundational (Blocking Prerequisites)"]
    s_1["0/2 tasks done"]:::ready
  end
  subgraph p_2["Phase 3: User Story 1 - Create albums (Priority: P1)"]
    t_T004["T004 Album service"]:::blocked
    t_T005["✔ T005 Album endpoint (depends on T004)"]:::work
  end
  p_1 --> p_2
  t_T004 --> t_T005
  classDef work fill:#d0ebff,stroke:#1c7ed6
  classDef done fill:#d3f9d8,stroke:#2f9e44
  classDef ready fill:#fff3bf,stroke:#f08c00
  classDef blocked fill:#ffe3e3,stroke:#e03131
\`\`\`
"
`);
  });

  it("lists at most 10 open tasks of a blocking phase, then how many more", () => {
    const many = Array.from(
      { length: 14 },
      (_, i) => `- [ ] T1${String(i).padStart(2, "0")} Foundation piece ${i}`,
    ).join("\n");
    const text = `# Tasks\n\n## Phase 2: Foundational\n\n${many}\n\n## Phase 3: User Story 1 - Go\n\n- [ ] T200 [US1] Start\n`;
    const { summary } = renderOutput(input([changedList(SPEC_PATH, text, tick(text, "T200"))], ""));
    expect(summary).toContain("waits for **Phase 2: Foundational**, which has open tasks: T100 (");
    expect(summary).toContain("T109 ([tasks.md#L14]");
    expect(summary).not.toContain("T110 ([tasks.md");
    expect(summary).toContain(" and 4 more");
  });

  it("says so in advisory mode", () => {
    const { summary } = renderOutput(
      input([changedList(SPEC_PATH, SPEC_KIT, tick(SPEC_KIT, "T005"))], "", [], "advisory"),
    );
    expect(summary.startsWith("_Advisory mode: failed gates are reported here but do not fail the check._")).toBe(true);
  });

  it("is one line when the PR touches no task", () => {
    expect(renderOutput({ ...input([], ""), touched: false })).toEqual({
      summary: "This pull request touches no tasks.",
      text: null,
    });
  });

  it("stays within GitHub's limit on a huge list, with a note", () => {
    // xe: tasks in a step run in order, so every other ticked task waits for an open one.
    const path = ".xe/features/big/tasks.md";
    const tasks = Array.from(
      { length: 3000 },
      (_, i) => `- [ ] T${String(i + 1).padStart(4, "0")} ${"A long description of a task ".repeat(3)}`,
    );
    const text = `# Tasks\n\n## Phase 1: Setup\n\n${tasks.join("\n")}\n`;
    const ticked = tasks.map((t, i) => (i % 2 === 1 ? t.replace("[ ]", "[x]") : t)).join("\n");
    const features = [changedList(path, text, `# Tasks\n\n## Phase 1: Setup\n\n${ticked}\n`)];
    const worked: WorkedTask[] = features[0]!
      .head!.tasks.filter((t) => t.checked)
      .map((t) => ({ path, id: t.id, reasons: ["ticks"] }));
    const results = evaluateGates({ features, worked, doneIssues: new Set(), config: { evidence: false }, body: "" });
    const output = renderOutput({
      results,
      features,
      worked,
      unresolved: [],
      done: new DoneTasks(features, new Set()),
      links,
      mode: "strict",
      touched: true,
    });
    expect(results[0]).toMatchObject({ gate: "dependencies", passed: false });
    expect(output.summary.length).toBeLessThanOrEqual(GITHUB_LIMITS.maxTextLength);
    expect(output.summary.length).toBeGreaterThan(GITHUB_LIMITS.maxTextLength - 1000);
    expect(output.summary.endsWith(TRUNCATED_NOTE)).toBe(true);
    expect(output.text === null || output.text.length <= GITHUB_LIMITS.maxTextLength).toBe(true);
  });
});

describe("fitText", () => {
  it.each([
    ["short", 100, "short"],
    ["line one\nline two\nline three", 25, "line one\nline two\n\n[cut]"],
    ["line one\nline two\nline three", 20, "line one\n\n[cut]"],
  ])("%j within %i", (text, max, expected) => {
    const out = fitText(text, max, "[cut]");
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });
});
