import { describe, expect, it } from "@jest/globals";
import { DEMO_PATH, runDemo } from "../../demo/run-demo.js";

describe("npm run demo", () => {
  it("prints the issue tree, the tick committed back and the failing gate, then the passing one", async () => {
    const lines: string[] = [];
    const result = await runDemo((line) => lines.push(line));
    const out = lines.join("\n");

    // the tree: the tracking issue at the root, a phase under it, a task with its blocked-by link
    expect(out).toMatch(/^#\d+ ○ 002-reading-list: Reading list$/m);
    expect(out).toMatch(/^├── #\d+ ○ 002-reading-list · Phase 2: Foundational \(Blocking Prerequisites\) {2}\[phase: 2\] {2}⟵ blocked by #\d+$/m);
    expect(out).toMatch(/^│ {3}├── #(\d+) ○ T006 Save button .* {2}⟵ blocked by #\d+$/m);
    expect(result.issueCount).toBe(1 + 5 + 11);

    // the tick: one line of the task list changed, committed by the app
    expect(result.tickCommit.diff).toEqual([
      "@@ line 24 @@",
      "- - [ ] T003 Define the `articles` table in `api/db/schema.sql`",
      "+ - [x] T003 Define the `articles` table in `api/db/schema.sql`",
    ]);
    expect(out).toContain("tasksync committed");
    expect(out).toContain(`Tick T003 in ${DEMO_PATH}`);

    // the gate: fails on the skipped dependency, passes once the blockers are closed
    expect(result.gate.conclusion).toBe("failure");
    expect(result.gate.summary).toMatch(/❌ Dependencies: .*\n\n- \[T006\]\(.*\) waits for \[T005\]/);
    expect(out).toMatch(/Pull request #\d+: check "tasksync \/ gates" → failure/);
    expect(result.gateAfter.conclusion).toBe("success");
    expect(out).toContain("Done: the task list, the issues and the pull request check agree.");
  });
});
