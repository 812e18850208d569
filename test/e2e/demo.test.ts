import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { DEMO_PATH, runDemo } from "../../demo/run-demo.js";

describe("npm run demo", () => {
  it("prints the issue tree, the tick committed back, the failing gate, then the ready label moving and the passing gate", async () => {
    const lines: string[] = [];
    const result = await runDemo((line) => lines.push(line));
    const out = lines.join("\n");

    // the tree: the tracking issue at the root, a phase under it, a task with its blocked-by link
    expect(out).toMatch(/^#\d+ ○ 002-reading-list: Reading list$/m);
    expect(out).toMatch(
      /^├── #\d+ ○ 002-reading-list · Phase 2: Foundational \(Blocking Prerequisites\) {2}\[phase: 2\] {2}⟵ blocked by #\d+$/m,
    );
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

    // the ready queue: closing T005 gave its dependant T006 the label, with no push; T004 lost it
    expect(out).toMatch(/^│ {3}├── #\d+ ○ T003 .* {2}\[ready\]$/m);
    expect(result.ready.before.map((x) => x.split(" ")[1])).toEqual(["T004"]);
    expect(result.ready.after.map((x) => x.split(" ")[1])).toEqual(["T006", "T007", "T008"]);
    expect(out).toMatch(/^ {4}after: {2}#\d+ T006 \(\+ready\), /m);
    expect(out).toMatch(/^ {4}lost it: #\d+ T004 \(closed\)$/m);
    expect(out).toContain("Done: the task list, the issues and the pull request check agree.");

    // the README's pictures are this run's output (the check's links point at github.com there)
    const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../../README.md"), "utf8");
    const tree = /```text\n(GitHub now holds[\s\S]*?)\n```/.exec(readme)?.[1];
    const printedTree = lines.slice(
      lines.findIndex((l) => l.startsWith("GitHub now holds")),
      lines.findIndex((l) => l.startsWith("━━ 2.")) - 1,
    );
    expect(tree).toBe(printedTree.join("\n"));
    const trimLines = (text: string): string =>
      text
        .split("\n")
        .map((l) => l.trimEnd())
        .join("\n")
        .trim();
    const section = readme.slice(readme.indexOf("And this is the summary"), readme.indexOf("## Try it"));
    const quoted = [...section.matchAll(/^> ?(.*)$/gm)].map((m) => m[1]).join("\n");
    const summary = result.gate.summary.replace(/http:\/\/127\.0\.0\.1:\d+\//g, "https://github.com/");
    expect(trimLines(quoted)).toBe(trimLines(`**1 gate failed**\n\n${summary}`));
  });
});
