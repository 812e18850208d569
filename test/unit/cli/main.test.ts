import { describe, expect, it } from "@jest/globals";
import { fileURLToPath } from "node:url";
import { commands, main } from "../../../src/cli/main.js";
import type { CliIo } from "../../../src/cli/command.js";
import { readFile } from "node:fs/promises";

const FIXTURES = fileURLToPath(new URL("../../fixtures/tasks/", import.meta.url));

async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => readFile(p, "utf8"),
    ...(stdin === undefined ? {} : { readStdin: () => Promise.resolve(stdin) }),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe("tasksync CLI", () => {
  it("has the parse, lint, graph, plan, sync, unlink and adopt commands in its table", () => {
    expect(Object.keys(commands)).toEqual(["parse", "lint", "graph", "plan", "sync", "unlink", "adopt"]);
  });

  it("--version prints the package's version", async () => {
    const pkg = JSON.parse(
      await readFile(fileURLToPath(new URL("../../../package.json", import.meta.url)), "utf8"),
    ) as { version: string };
    const result = await run(["--version"]);
    expect(result).toEqual({ code: 0, out: `tasksync ${pkg.version}\n`, err: "" });
  });

  it("parse - reads the task list from standard input", async () => {
    const result = await run(
      ["parse", "-", "--json"],
      "# Tasks: Piped\n\n## Phase 1: Setup\n\n- [ ] T001 First\n- [x] T002 Second (depends on T001)\n",
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as {
      feature: { title: string };
      tasks: Array<{ id: string; checked: boolean; blockedBy: string[] }>;
    };
    expect(json.feature.title).toBe("Piped");
    expect(json.tasks.map((t) => [t.id, t.checked, t.blockedBy])).toEqual([
      ["T001", false, []],
      ["T002", true, ["T001"]],
    ]);
  });

  it("prints help with --help (exit 0) and fails without a command (exit 2)", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: tasksync <command>/);
    for (const name of ["parse", "lint", "graph"]) expect(help.out).toContain(`  ${name}`);
    expect((await run([])).code).toBe(2);
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    const parseHelp = await run(["parse", "--help"]);
    expect(parseHelp.code).toBe(0);
    expect(parseHelp.out).toContain("blockedBy holds task-level blockers only");
  });

  it("parse --json prints the stable contract", async () => {
    const { code, out, err } = await run(["parse", `${FIXTURES}spec-kit-basic.md`, "--json"]);
    expect(code).toBe(0);
    expect(err).toBe("");
    const json = JSON.parse(out) as {
      format: string;
      feature: { id: string; title: string };
      phases: { title: string; blockedBy: number[] }[];
      tasks: {
        id: string;
        line: number;
        checked: boolean;
        parallel: boolean;
        story: string | null;
        phase: string | null;
        blockedBy: string[];
      }[];
      diagnostics: unknown[];
    };
    expect(json.format).toBe("spec-kit");
    expect(json.feature).toMatchObject({ id: "tasks", title: "Photo Albums" });
    expect(json.diagnostics).toEqual([]);
    expect(json.phases[4]).toMatchObject({ title: "Polish & Cross-Cutting Concerns", blockedBy: [2, 3] });
    expect(json.tasks[5]).toMatchObject({
      id: "T006",
      line: 54,
      checked: false,
      parallel: false,
      story: "US1",
      phase: "User Story 1 - Create albums (Priority: P1) 🎯 MVP",
      blockedBy: ["T003", "T004", "T005"],
    });
    expect(json.tasks[1]).toMatchObject({
      id: "T002",
      checked: true,
      parallel: true,
      story: null,
      phase: "Setup (Shared Infrastructure)",
    });
  });

  it("parse --json reports a Kiro list's format, sub-task parents, optional tasks and requirements", async () => {
    const { code, out } = await run(["parse", `${FIXTURES}kiro-basic.md`, "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      format: string;
      tasks: { id: string; parentId: string | null; optional: boolean; requirements: string[] }[];
    };
    expect(json.format).toBe("kiro");
    expect(json.tasks.find((t) => t.id === "2.3")).toMatchObject({
      parentId: "2",
      optional: true,
      requirements: ["2.4"],
    });
  });

  it("parse without --json prints a readable list", async () => {
    const { code, out } = await run(["parse", `${FIXTURES}xe-basic.md`]);
    expect(code).toBe(0);
    expect(out).toContain("Search (xe, 10 tasks, 3 phases)");
    expect(out).toContain("[ ] T004 Register the module  ⟵ T002, T003");
  });

  it("lint prints file:line: severity: message and exits 1 on an error", async () => {
    const file = `${FIXTURES}diagnostics.md`;
    const { code, out } = await run(["lint", file]);
    expect(code).toBe(1);
    expect(out.trim().split("\n")).toEqual([
      `${file}:6: error: T002 has a dependency on unknown task T099`,
      `${file}:7: error: dependency cycle: T003 → T004 → T003 (each waits for the next)`,
      `${file}:11: error: duplicate task id T002 (first used on line 6); this one is ignored`,
      `${file}:12: warning: checkbox item looks like a task but has no task id: "Task-like item without an id"`,
      `${file}:17: warning: dependency statement names unknown task T005`,
    ]);
  });

  it("lint exits 0 with warnings only and 0 with nothing to say", async () => {
    const warn = await run(["lint", `${FIXTURES}multiline.md`, `${FIXTURES}spec-kit-basic.md`]);
    expect(warn.code).toBe(0);
    expect(warn.out).toBe(
      `${FIXTURES}multiline.md:29: warning: checkbox item looks like a task but has no task id: "Write the migration guide"\n`,
    );
  });

  it("graph prints a Mermaid flowchart", async () => {
    const { code, out } = await run(["graph", `${FIXTURES}xe-basic.md`]);
    expect(code).toBe(0);
    expect(out.startsWith("flowchart TD\n")).toBe(true);
    expect(out).toContain('  subgraph p_0["Step 1: Setup"]');
    expect(out).toContain("  p_0 --> p_1");
    expect(out).toContain("  t_T004 --> t_T009");
    expect(out).toContain("  t_T001 -.-> t_T002");
    // xe runs a step's tasks in order: only the first is ready; the later steps wait.
    expect(out).toContain("  class p_0,t_T001 ready\n");
    expect(out).toMatch(/^ {2}class p_1,p_2,t_T002,.*,t_T010 blocked$/m);
    expect(out).toContain("  classDef ready ");
  });

  it.each([["parse"], ["lint"], ["graph"]])("%s: a missing file is one stderr line and exit 2", async (command) => {
    const { code, out, err } = await run([command, "/nonexistent/tasks.md"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe("tasksync: cannot read /nonexistent/tasks.md: no such file\n");
  });

  it("rejects a wrong number of files or unknown options with exit 2", async () => {
    expect((await run(["parse"])).code).toBe(2);
    expect((await run(["graph", "a.md", "b.md"])).code).toBe(2);
    expect((await run(["parse", "a.md", "--yaml"])).err).toContain("unknown option --yaml");
  });
});
