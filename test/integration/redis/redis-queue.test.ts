/**
 * The Redis work engine against a real redis-server: two RedisQueue instances stand for two
 * replicas sharing one Redis. (The two-process end-to-end test is test/e2e/replicas.test.ts.)
 */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { RedisSharedState } from "../../../src/queue/redis-shared-state.js";
import type { DurableJob, JobLease, QueuedJob } from "../../../src/queue/work-queue.js";
import { silent, sleep, until, useRedisQueues } from "../../support/redis-queues.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { url, nextPrefix, replicas, forget } = useRedisQueues("t");

interface Span {
  lane: string;
  id: string;
  start: number;
  end: number;
  replica: string;
}

/** A job as the handlers make it: plain data; `run` is the in-memory path and must not be used here. */
function job(name: string, data: Record<string, unknown>, coalesceKey?: string): QueuedJob {
  return {
    name,
    ...(coalesceKey === undefined ? {} : { coalesceKey }),
    run: () => Promise.reject(new Error("the Redis engine runs the data form")),
    durable: { installationId: 7, data },
  };
}

describe("RedisQueue with two replicas", () => {
  it("runs one repository's jobs one at a time across replicas, different repositories in parallel, each job once", async () => {
    const [a, b] = replicas(2);
    const spans: Span[] = [];
    const runner = (replica: string) => async (_name: string, stored: DurableJob) => {
      const { lane, id } = stored.data as { lane: string; id: string };
      const start = Date.now();
      await sleep(30);
      spans.push({ lane, id, start, end: Date.now(), replica });
    };
    a!.start(runner("a"), silent);
    b!.start(runner("b"), silent);
    const lanes = ["o/one", "o/two", "o/three", "o/four"];
    const pushes: Array<Promise<void>> = [];
    for (let i = 0; i < 8; i += 1) {
      for (const lane of lanes)
        pushes.push((i % 2 === 0 ? a : b)!.push(lane, job("reconcile", { lane, id: `${lane}#${i}` })));
    }
    await Promise.all(pushes);
    await until("every job to run", () => spans.length === 32);

    expect(new Set(spans.map((s) => s.id)).size).toBe(32);
    for (const lane of lanes) {
      const mine = spans.filter((s) => s.lane === lane).sort((x, y) => x.start - y.start);
      for (let i = 1; i < mine.length; i += 1) expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
    }
    const overlapsAcrossLanes = spans.some((s) =>
      spans.some((t) => t.lane !== s.lane && t.start < s.end && s.start < t.end),
    );
    expect(overlapsAcrossLanes).toBe(true);
    expect(new Set(spans.map((s) => s.replica))).toEqual(new Set(["a", "b"]));
    expect(await a!.outstanding()).toBe(0);
  });

  it("coalesces waiting pushes of a repository into one run, and keeps one more run for a push that arrives while it runs", async () => {
    const [a] = replicas(1);
    const runs: string[] = [];
    let release!: () => void;
    const blocking = new Promise<void>((r) => (release = r));
    a!.start(async (name, stored) => {
      const { sha } = stored.data as { sha: string };
      runs.push(`${name}:${sha}`);
      if (sha === "block") await blocking;
    }, silent);
    await a!.push("o/r", job("reconcile", { sha: "block" }, "push"));
    await until("the first sync to run", () => runs.length === 1);
    // while it runs: five more pushes → one more run (the newest push's data), not five, not none
    for (const sha of ["s1", "s2", "s3", "s4", "s5"]) await a!.push("o/r", job("reconcile", { sha }, "push"));
    release();
    await until("the queue to drain", async () => (await a!.outstanding()) === 0 && runs.length >= 2);
    await sleep(200);
    expect(runs).toEqual(["reconcile:block", "reconcile:s5"]);
  });

  it("retries a failing job with backoff, then keeps it as failed with its error for /healthz", async () => {
    const [a] = replicas(1, { attempts: 3, backoffMs: 50 });
    const tries: number[] = [];
    a!.start(async () => {
      tries.push(Date.now());
      throw new Error("GitHub answered 502");
    }, silent);
    await a!.push("o/broken", job("reconcile", { fullName: "o/broken" }));
    await until("the job to fail for good", async () => ((await a!.health()).counts?.["failed"] ?? 0) === 1);
    expect(tries).toHaveLength(3);
    // exponential backoff: at least 50 ms before the second run, 100 ms before the third
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(45);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(95);
    const health = await a!.health();
    expect(health.failed).toEqual([
      expect.objectContaining({ name: "reconcile", repo: "o/broken", error: "GitHub answered 502", attempts: 3 }),
    ]);
  });

  it("hands a running job back when it stops, and another replica finishes it at once", async () => {
    const [a, b] = replicas(2, { leaseMs: 10_000 });
    const ran: string[] = [];
    let release!: () => void;
    const stuck = new Promise<void>((r) => (release = r));
    a!.start(async () => {
      ran.push("a");
      await stuck;
    }, silent);
    await a!.push("o/r", job("reconcile", { sha: "x" }, "push"));
    await until("a to take the job", () => ran.length === 1);
    forget(a!);
    const stoppedAt = Date.now();
    expect(await a!.close(100)).toEqual({ finished: false });
    b!.start(async () => void ran.push("b"), silent);
    await until("b to run the job", () => ran.includes("b"));
    expect(Date.now() - stoppedAt).toBeLessThan(5_000); // well before the 10 s lease
    expect(ran).toEqual(["a", "b"]);
    release();
  });

  it("tells a running job that it lost its repository's lane lock, so its writes stop", async () => {
    const [a] = replicas(1, { leaseMs: 600 });
    let lease: JobLease | undefined;
    let release!: () => void;
    const blocking = new Promise<void>((r) => (release = r));
    a!.start(async (_name, _stored, _log, jobLease) => {
      lease = jobLease;
      await blocking;
    }, silent);
    await a!.push("o/lost", job("reconcile", { sha: "s" }));
    await until("the job to run", () => lease !== undefined);
    await sleep(500); // past a refresh: the lock is still held
    expect(lease!.lost).toBe(false);
    // The lock lapses (as when the event loop stalls past the lease) and another replica may take it.
    const redis = new Redis(url());
    try {
      const keys = await redis.keys("*lane:o/lost*");
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      await until("the job to learn it lost the lock", () => lease!.lost, 5_000);
    } finally {
      release();
      redis.disconnect();
    }
  });

  it("takes over the job of a replica killed with SIGKILL once its lease ends", async () => {
    const prefix = nextPrefix();
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test/support/redis-replica-child.ts")], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: url(), PREFIX: prefix, LEASE_MS: "1000" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    const [b] = replicas(1, { leaseMs: 1_000 }, prefix);
    await b!.push("o/r", job("reconcile", { sha: "long" }, "push"));
    await until("the child replica to take the job", () => out.includes("started long"));
    child.kill("SIGKILL");
    const killedAt = Date.now();
    const ran: string[] = [];
    b!.start(async (_name, stored) => void ran.push((stored.data as { sha: string }).sha), silent);
    await until("b to take the job over", () => ran.length === 1);
    expect(ran).toEqual(["long"]);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    // BullMQ marks the job completed just after the run returns: nothing is left once it has
    await until("the taken-over job to complete", async () => (await b!.outstanding()) === 0, 5_000);
  });
});

describe("RedisSharedState", () => {
  it("tells every replica about a commit one of them wrote", async () => {
    const [a, b] = replicas(2);
    const mine = new RedisSharedState(a!.redis, a!.prefix);
    const theirs = new RedisSharedState(b!.redis, b!.prefix);
    expect(await theirs.isOwnCommit("abc123")).toBe(false);
    await mine.addOwnCommit("abc123");
    expect(await theirs.isOwnCommit("abc123")).toBe(true);
  });
});
