/**
 * bench:sync — a first sync and a no-op re-sync of 100 and 1,000 tasks against the local
 * GitHub emulator, through the same reconcile the app runs on a push. Prints requests by kind,
 * writes and wall time, and checks the budgets:
 *   - no-op re-sync: no writes, at most ceil(issues / 100) + 5 reads;
 *   - first sync: W writes against the floor F = issues + blocked-by links + new labels + 1
 *     (the tracking issue records the reconciled version last, so a cut-off sync resumes):
 *     each issue is created under its parent with its labels in one request; W must equal F;
 *   - the modelled time of that first sync on github.com under the content-creation budget
 *     (80 writes a minute, 500 an hour), next to the measured 972 s for 150 tasks before it.
 */
import { Octokit } from "@octokit/rest";
import pino from "pino";
import { DEFAULT_BUDGET_WINDOWS, MemoryContentBudget } from "../src/github/pacing-budget.js";
import { syncRepository } from "../src/reconcile/sync-repository.js";
import { startEmulator } from "../test/github-emulator/index.js";

const PATH = "specs/001-bench/tasks.md";

function taskList(count: number): string {
  const phases = [
    "Setup",
    "Foundational",
    "User Story 1 - Import (Priority: P1)",
    "User Story 2 - Export (Priority: P2)",
    "Polish",
  ];
  const per = Math.ceil(count / phases.length);
  const lines = ["# Tasks: Bench", ""];
  let id = 1;
  phases.forEach((title, p) => {
    lines.push(`## Phase ${p + 1}: ${title}`, "");
    for (let i = 0; i < per && id <= count; i += 1, id += 1) {
      const tid = `T${String(id).padStart(4, "0")}`;
      const story = title.startsWith("User Story") ? ` [US${p - 1}]` : "";
      const dep = i > 0 && i % 5 === 0 ? ` (depends on T${String(id - 1).padStart(4, "0")})` : "";
      lines.push(
        `- [ ] ${tid}${i % 3 === 0 ? " [P]" : ""}${story} Implement part ${id} in \`src/part-${id}.ts\`${dep}`,
      );
    }
    lines.push("");
  });
  return lines.join("\n");
}

type Counts = ReturnType<Awaited<ReturnType<typeof startEmulator>>["requests"]["counts"]>;

function byKind(counts: Counts): string {
  return Object.entries(counts.byRoute)
    .filter(([route]) => !route.includes("access_tokens"))
    .sort((a, b) => b[1] - a[1])
    .map(([route, n]) => `      ${String(n).padStart(6)}  ${route}`)
    .join("\n");
}

/** Seconds W writes take when each first spends the default content budget (a virtual clock). */
async function modelledSeconds(writes: number): Promise<number> {
  let now = 0;
  const budget = new MemoryContentBudget(DEFAULT_BUDGET_WINDOWS, {
    now: () => now,
    sleep: async (ms) => void (now += ms),
  });
  for (let i = 0; i < writes; i += 1) await budget.spend("bench");
  return now / 1000;
}

const modelled: string[] = [];

async function run(tasks: number): Promise<boolean> {
  const emulator = await startEmulator();
  emulator.createRepo({ owner: "bench", name: "repo", files: { [PATH]: taskList(tasks) } });
  const gh = new Octokit({
    auth: emulator.userToken("bench"),
    baseUrl: emulator.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const log = pino({ level: "silent" });
  const ctx = { owner: "bench", repo: "repo", htmlUrl: `${emulator.url}/bench/repo`, defaultBranch: "main" };
  const head = emulator.branchSha("bench", "repo") ?? "main";
  const labelsBefore = emulator.labels("bench", "repo").length;
  const sync = () => syncRepository({ gh, ctx, commitSha: head, force: true, log, pauseMs: 0 });

  let ok = true;
  console.log(`\n${tasks} tasks`);
  emulator.requests.reset();
  let start = performance.now();
  const first = await sync();
  const firstMs = performance.now() - start;
  if (first.kind !== "synced") throw new Error(`first sync: ${first.kind}`);
  const all = emulator.issues("bench", "repo");
  const issues = all.length;
  const links = all.reduce((n, i) => n + emulator.blockedBy("bench", "repo", i.number).length, 0);
  const newLabels = emulator.labels("bench", "repo").length - labelsBefore;
  const floor = issues + links + newLabels + 1;
  const writes = emulator.requests.writes();
  console.log(`  first sync   ${firstMs.toFixed(0).padStart(6)} ms   ${emulator.requests.reads()} reads`);
  console.log(`first sync: ${writes} writes, floor ${floor} (issues + blocked-by links + new labels + 1)`);
  console.log(byKind(emulator.requests.counts()));
  if (writes !== floor) {
    console.log(`  ✗ first sync wrote ${writes - floor} more than the floor`);
    ok = false;
  }
  const seconds = await modelledSeconds(writes);
  modelled.push(
    `  ${String(tasks).padStart(5)} tasks: ${writes} writes, ${seconds.toFixed(0)} s (${(seconds / 60).toFixed(1)} min) under the budget`,
  );

  emulator.requests.reset();
  start = performance.now();
  const again = await sync();
  const againMs = performance.now() - start;
  if (again.kind !== "synced") throw new Error(`re-sync: ${again.kind}`);
  const reads = emulator.requests.reads();
  const budget = Math.ceil(issues / 100) + 5;
  console.log(
    `  no-op resync ${againMs.toFixed(0).padStart(6)} ms   ${reads} reads (budget ${budget} = ceil(${issues}/100) + 5), ${emulator.requests.writes()} writes`,
  );
  console.log(byKind(emulator.requests.counts()));
  if (emulator.requests.writes() !== 0 || reads > budget) {
    console.log("  ✗ no-op re-sync over budget");
    ok = false;
  }

  // a push that ticks one task: the incremental cost
  const ticked = taskList(tasks).replace("- [ ] T0002", "- [x] T0002");
  const after = emulator.commit({ owner: "bench", repo: "repo", files: { [PATH]: ticked }, message: "Tick T0002" });
  emulator.requests.reset();
  start = performance.now();
  await syncRepository({ gh, ctx, commitSha: after, force: false, log, pauseMs: 0 });
  const tickMs = performance.now() - start;
  console.log(
    `  one tick     ${tickMs.toFixed(0).padStart(6)} ms   ${emulator.requests.reads()} reads, ${emulator.requests.writes()} writes (close the task, refresh its phase and the tracking issue)`,
  );
  console.log(byKind(emulator.requests.counts()));
  await emulator.stop();
  return ok;
}

const results = [await run(100), await run(1000)];
console.log(
  "\nmodelled first sync on github.com, content budget 80 writes/minute and 500/hour (TASKSYNC_CONTENT_PER_MINUTE/_PER_HOUR):",
);
console.log(modelled.join("\n"));
console.log(
  "  before (measured): 150 tasks took 972 s behind Probot's ~3 s pacing of creates and sub-issue links, against a fake enforcing no limit",
);
if (results.every(Boolean)) console.log("\nall budgets met");
else {
  console.log("\nsome budgets missed");
  process.exitCode = 1;
}
