/**
 * bench:sync — a first sync and a no-op re-sync of 100 and 1,000 tasks against the local
 * GitHub emulator, through the same reconcile the app runs on a push. Prints requests by kind,
 * writes and wall time, and checks the budgets:
 *   - no-op re-sync: no writes, at most ceil(issues / 100) + 5 reads;
 *   - first sync: no write beyond one per issue, label and link it needs (+1: the tracking
 *     issue records the reconciled version last, so a cut-off sync resumes).
 */
import { Octokit } from "@octokit/rest";
import pino from "pino";
import { syncRepository } from "../src/sync/sync-repository.js";
import { startEmulator } from "../test/github-emulator/index.js";

const PATH = "specs/001-bench/tasks.md";

function taskList(count: number): string {
  const phases = ["Setup", "Foundational", "User Story 1 - Import (Priority: P1)", "User Story 2 - Export (Priority: P2)", "Polish"];
  const per = Math.ceil(count / phases.length);
  const lines = ["# Tasks: Bench", ""];
  let id = 1;
  phases.forEach((title, p) => {
    lines.push(`## Phase ${p + 1}: ${title}`, "");
    for (let i = 0; i < per && id <= count; i += 1, id += 1) {
      const tid = `T${String(id).padStart(4, "0")}`;
      const story = title.startsWith("User Story") ? ` [US${p - 1}]` : "";
      const dep = i > 0 && i % 5 === 0 ? ` (depends on T${String(id - 1).padStart(4, "0")})` : "";
      lines.push(`- [ ] ${tid}${i % 3 === 0 ? " [P]" : ""}${story} Implement part ${id} in \`src/part-${id}.ts\`${dep}`);
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

async function run(tasks: number): Promise<boolean> {
  const emulator = await startEmulator();
  emulator.createRepo({ owner: "bench", name: "repo", files: { [PATH]: taskList(tasks) } });
  const gh = new Octokit({ auth: emulator.userToken("bench"), baseUrl: emulator.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const log = pino({ level: "silent" });
  const ctx = { owner: "bench", repo: "repo", htmlUrl: `${emulator.url}/bench/repo`, defaultBranch: "main" };
  const head = emulator.branchSha("bench", "repo") ?? "main";
  const sync = () => syncRepository({ gh, ctx, commitSha: head, force: true, log, pauseMs: 0 });

  let ok = true;
  console.log(`\n${tasks} tasks`);
  emulator.requests.reset();
  let start = performance.now();
  const first = await sync();
  const firstMs = performance.now() - start;
  if (first.kind !== "synced") throw new Error(`first sync: ${first.kind}`);
  const r = first.result.report;
  const issues = emulator.issues("bench", "repo").length;
  const needed = r.created + r.labels + r.linked + r.closed + r.updated;
  const writes = emulator.requests.writes();
  const extra = writes - (r.created + r.labels + r.linked);
  console.log(`  first sync   ${firstMs.toFixed(0).padStart(6)} ms   ${emulator.requests.reads()} reads, ${writes} writes ` +
    `(${r.created} issues, ${r.labels} labels, ${r.linked} links, ${extra} other: the tracking issue's record)`);
  console.log(byKind(emulator.requests.counts()));
  if (writes !== needed || extra > 1) {
    console.log(`  ✗ first sync wrote more than one write per issue, label and link (+1)`);
    ok = false;
  }

  emulator.requests.reset();
  start = performance.now();
  const again = await sync();
  const againMs = performance.now() - start;
  if (again.kind !== "synced") throw new Error(`re-sync: ${again.kind}`);
  const reads = emulator.requests.reads();
  const budget = Math.ceil(issues / 100) + 5;
  console.log(`  no-op resync ${againMs.toFixed(0).padStart(6)} ms   ${reads} reads (budget ${budget} = ceil(${issues}/100) + 5), ${emulator.requests.writes()} writes`);
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
  console.log(`  one tick     ${tickMs.toFixed(0).padStart(6)} ms   ${emulator.requests.reads()} reads, ${emulator.requests.writes()} writes (close the task, refresh its phase and the tracking issue)`);
  console.log(byKind(emulator.requests.counts()));
  await emulator.stop();
  return ok;
}

const results = [await run(100), await run(1000)];
if (results.every(Boolean)) console.log("\nall budgets met");
else {
  console.log("\nsome budgets missed");
  process.exitCode = 1;
}
