/**
 * bench:phase — what one issue per phase (`issues.granularity: phase`) costs next to one issue
 * per task, against the local GitHub emulator, through the reconcile the app runs on a push:
 * writes of a first sync, the modelled time of those writes on github.com under the
 * content-creation budget (80 a minute, 500 an hour), and the writes of one tick made in a phase
 * issue's body (the commit, the body's record, the tracking issue).
 */
import { Octokit } from "@octokit/rest";
import pino from "pino";
import { defaultConfig, type TasksyncConfig } from "../src/config/schema.js";
import { DEFAULT_BUDGET_WINDOWS, MemoryContentBudget } from "../src/github/pacing-budget.js";
import { parseMarker } from "../src/identity/marker.js";
import { syncRepository } from "../src/reconcile/sync-repository.js";
import { startEmulator } from "../test/github-emulator/index.js";

const PATH = "specs/002-bench/tasks.md";

/** A list of `count` tasks, 100 to a phase, each tenth waiting for the task before it. */
function phasedList(count: number): string {
  const lines = ["# Tasks: Phase bench", ""];
  for (let id = 1; id <= count; id += 1) {
    if ((id - 1) % 100 === 0) lines.push("", `## Phase ${(id - 1) / 100 + 1}: Step ${(id - 1) / 100 + 1}`, "");
    const tid = `T${String(id).padStart(5, "0")}`;
    lines.push(
      `- [ ] ${tid} Build piece ${id}${id % 10 === 0 ? ` (depends on T${String(id - 1).padStart(5, "0")})` : ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function modelledSeconds(writes: number): Promise<number> {
  let now = 0;
  const budget = new MemoryContentBudget(DEFAULT_BUDGET_WINDOWS, {
    now: () => now,
    sleep: async (ms) => void (now += ms),
  });
  for (let i = 0; i < writes; i += 1) await budget.spend("bench");
  return now / 1000;
}

const hours = (s: number): string =>
  s < 60 ? `${s.toFixed(0)} s of waiting` : s < 3600 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;

async function run(tasks: number, granularity: "task" | "phase"): Promise<void> {
  const emulator = await startEmulator();
  emulator.createRepo({ owner: "bench", name: "repo", files: { [PATH]: phasedList(tasks) } });
  const gh = new Octokit({
    auth: emulator.userToken("bench"),
    baseUrl: emulator.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const log = pino({ level: "silent" });
  const ctx = { owner: "bench", repo: "repo", htmlUrl: `${emulator.url}/bench/repo`, defaultBranch: "main" };
  const config: TasksyncConfig = { ...defaultConfig, issues: { ...defaultConfig.issues, granularity } };
  const sync = (force: boolean) =>
    syncRepository({
      gh,
      ctx,
      config,
      commitSha: emulator.branchSha("bench", "repo") ?? "main",
      force,
      log,
      pauseMs: 0,
    });

  emulator.requests.reset();
  let start = performance.now();
  await sync(true);
  const firstMs = performance.now() - start;
  const issues = emulator.issues("bench", "repo").length;
  const writes = emulator.requests.writes();
  const seconds = await modelledSeconds(writes);
  console.log(
    `${String(tasks).padStart(6)} tasks, one issue per ${granularity.padEnd(5)}: ${String(issues).padStart(5)} issues, first sync ${String(writes).padStart(5)} writes (${firstMs.toFixed(0)} ms here; ${hours(seconds)} on github.com under the budget)`,
  );

  if (granularity === "phase") {
    const phase = emulator.issues("bench", "repo").find((i) => parseMarker(i.body)?.kind === "phase");
    if (!phase) throw new Error("no phase issue");
    const body = (phase.body ?? "").replace(/- \[ \] \*\*(T\d+)\*\*/, "- [x] **$1**");
    emulator.editIssue("bench", "repo", phase.number, { body }, "bench");
    emulator.requests.reset();
    start = performance.now();
    await sync(false);
    console.log(
      `${" ".repeat(36)}one box ticked in a phase body: ${emulator.requests.writes()} writes, ${emulator.requests.reads()} reads (${(performance.now() - start).toFixed(0)} ms)`,
    );
  }
  await emulator.stop();
}

for (const tasks of (process.argv[2] ?? "1000,3000").split(",").map(Number)) {
  await run(tasks, "task");
  await run(tasks, "phase");
}
