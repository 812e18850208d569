/**
 * bench:queue — the work engines side by side: in memory (one process) and Redis with one and
 * two replicas (real processes, behind a round-robin spreader), against the local emulator with
 * no write pacing. For each: the webhook answer time (p50/p99) during a burst of 1,000 push
 * deliveries over 20 repositories (32 in flight), then the reconciles per second until every
 * job is done (coalesced pushes count once: that is the point of coalescing). Twice: with
 * Probot's throttling (shared in Redis by the replicas, pacing 0) and without it (the engine alone).
 */
import { startEmulator, type WebhookEvent } from "../test/github-emulator/index.js";
import { settle, Spreader, startReplica, stopReplica, type Replica } from "../test/e2e/replicas-harness.js";
import { startRedis } from "../test/support/redis-server.js";

const OWNER = "bench-org";
const PATH = "specs/001-bench/tasks.md";
const REPOS = Array.from({ length: 20 }, (_, i) => `repo-${String(i + 1).padStart(2, "0")}`);
const DELIVERIES = 1_000;
const IN_FLIGHT = 32;
const HEAD_READ = "GET /repos/{owner}/{repo}/git/ref/{ref}";
const ENV = {
  E2E_WRITE_PACE_MS: "0",
  TASKSYNC_WRITE_PAUSE_MS: "0",
  TASKSYNC_CONCURRENCY: "4",
  TASKSYNC_JOB_LEASE_MS: "10000",
  LOG_LEVEL: "warn",
};

const LIST = `# Tasks: Bench

## Phase 1: Setup

- [ ] T001 Create the module in \`src/index.ts\`
- [ ] T002 Add the config in \`src/config.ts\` (depends on T001)
`;

interface Result {
  throttle: "shared" | "off";
  engine: string;
  replicas: number;
  p50: number;
  p99: number;
  failedDeliveries: number;
  reconciles: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function scenario(engine: "memory" | "redis", count: number, throttle: Result["throttle"]): Promise<Result> {
  const redis = engine === "redis" ? await startRedis() : undefined;
  const emulator = await startEmulator({ webhookSecret: "unused: the spreader signs" });
  const replicas: Replica[] = [];
  try {
    const env = { ...ENV, E2E_THROTTLE: throttle === "off" ? "off" : "on" };
    for (let i = 0; i < count; i += 1) replicas.push(await startReplica(`r${i + 1}`, emulator, redis?.url ?? "", env));
    const spreader = new Spreader(() => replicas);
    emulator.setWebhookTarget({ onWebhook: spreader.deliver });
    for (const repo of REPOS) emulator.createRepo({ owner: OWNER, name: repo, files: { [PATH]: LIST } });
    emulator.install({ account: OWNER, repos: REPOS });
    await settle(emulator, () => replicas, 300_000);

    // 1,000 pushes, each adding a task to one repository's list, captured instead of delivered
    const captured: WebhookEvent[] = [];
    emulator.setWebhookTarget({ onWebhook: (event) => void captured.push(event) });
    for (let i = 0; i < DELIVERIES; i += 1) {
      const repo = REPOS[i % REPOS.length] ?? "";
      const text = emulator.fileAt(OWNER, repo, "main", PATH) ?? "";
      emulator.commit({
        owner: OWNER,
        repo,
        files: { [PATH]: `${text}- [ ] T${String(100 + i)} Step ${i} in \`src/step-${i}.ts\`\n` },
        author: "mona",
      });
    }
    await emulator.webhooksDelivered();

    // the burst: every delivery timed from POST to answer
    emulator.requests.reset();
    const started = Date.now();
    const times: number[] = [];
    let failedDeliveries = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < captured.length) {
          const event = captured[next++] as WebhookEvent;
          const t0 = performance.now();
          await spreader.deliver(event).catch(() => (failedDeliveries += 1));
          times.push(performance.now() - t0);
        }
      }),
    );
    await settle(emulator, () => replicas, 600_000);
    const entries = emulator.requests.entries;
    const lastAt = Math.max(...entries.map((e) => e.at));
    times.sort((a, b) => a - b);
    return {
      throttle,
      engine,
      replicas: count,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      failedDeliveries,
      reconciles: entries.filter((e) => e.route === HEAD_READ).length,
      seconds: (lastAt - started) / 1000,
    };
  } finally {
    await Promise.all(replicas.map(stopReplica));
    await emulator.stop();
    await redis?.stop();
  }
}

const results: Result[] = [];
for (const throttle of ["shared", "off"] as const) {
  for (const [engine, count] of [
    ["memory", 1],
    ["redis", 1],
    ["redis", 2],
  ] as const) {
    process.stdout.write(`${engine} × ${count}, throttling ${throttle} ...\n`);
    results.push(await scenario(engine, count, throttle));
  }
}
console.log(`\n${DELIVERIES} push deliveries over ${REPOS.length} repositories, ${IN_FLIGHT} in flight\n`);
console.log(
  "| Probot throttling | engine | replicas | answer p50 | answer p99 | failed answers | reconciles | until done | reconciles/s |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.throttle} | ${r.engine} | ${r.replicas} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.failedDeliveries} | ${r.reconciles} | ${r.seconds.toFixed(1)} s | ${(r.reconciles / r.seconds).toFixed(2)} |`,
  );
}
for (const throttle of ["shared", "off"] as const) {
  const one = results.find((r) => r.throttle === throttle && r.engine === "redis" && r.replicas === 1);
  const two = results.find((r) => r.throttle === throttle && r.engine === "redis" && r.replicas === 2);
  if (one && two)
    console.log(
      `Redis, throttling ${throttle}: 2 replicas vs 1 = ${(two.reconciles / two.seconds / (one.reconciles / one.seconds)).toFixed(2)}× the reconciles per second`,
    );
}
