/**
 * The reconcile as a Redis job (REDIS_URL): issue events wait out the batch window as the stored
 * job's delay and join it from any replica; a push does not wait behind them; a failure of ours
 * is kept as failed at once, GitHub's is retried.
 */
import { describe, expect, it } from "@jest/globals";
import type { AppRuntime } from "../../../src/app/runtime.js";
import type { GitHubClient } from "../../../src/github/client.js";
import { reconcileJob, reconcileSoon, type ReconcileData } from "../../../src/jobs/reconcile-soon.js";
import type { RedisQueue } from "../../../src/queue/redis-queue.js";
import { NotRetriedError, type DurableJob } from "../../../src/queue/work-queue.js";
import { silent, sleep, until, useRedisQueues } from "../../support/redis-queues.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
/** The Redis path stores data only: the webhook's client is never called here (a call would throw). */
const unusedClient: GitHubClient = {
  request: () => Promise.reject(new Error("the stored job must not use the webhook's client")),
} as unknown as GitHubClient;

const { replicas } = useRedisQueues("rj");

function runtimeOf(queue: RedisQueue, batchWindowMs: number): AppRuntime {
  return { queue, settings: { writePauseMs: 0, drainMs: 1_000, batchWindowMs }, ownCommits: new Set() };
}

describe("the reconcile as a Redis job", () => {
  it("issue events on two replicas join one delayed reconcile; a push meanwhile runs at once", async () => {
    const [a, b] = replicas(2);
    const ran: Array<{ at: number; job: DurableJob }> = [];
    const record = async (_name: string, job: DurableJob) => {
      ran.push({ at: Date.now(), job });
    };
    a!.start(record, silent);
    b!.start(record, silent);
    // Connections made before the clock starts (the first commands of a file can take a moment on a busy machine).
    await Promise.all([a!.outstanding(), b!.outstanding()]);
    // A window wide enough that the four events below always arrive inside it.
    const WINDOW = 2_000;
    const started = Date.now();
    const issues = { reason: "issues", debounce: true, author: "tasksync[bot]", installationId: 7 };
    await reconcileSoon(runtimeOf(a!, WINDOW), unusedClient, ctx, issues, silent);
    await reconcileSoon(runtimeOf(b!, WINDOW), unusedClient, ctx, issues, silent);
    await reconcileSoon(runtimeOf(a!, WINDOW), unusedClient, ctx, { reason: "push", installationId: 7 }, silent);
    await reconcileSoon(runtimeOf(b!, WINDOW), unusedClient, ctx, issues, silent);
    expect(Date.now() - started).toBeLessThan(WINDOW); // else the test proves nothing
    await until("two reconciles", () => ran.length === 2);
    await sleep(800); // nothing else comes
    expect(ran).toHaveLength(2);
    const [push, batch] = ran;
    expect((push!.job.data as ReconcileData).reason).toBe("push");
    expect(push!.at - started).toBeLessThan(WINDOW);
    expect(batch!.at - started).toBeGreaterThanOrEqual(WINDOW - 10);
    expect(batch!.job).toEqual({
      installationId: 7,
      lane: "o/r",
      data: { ctx, reason: "issues", author: "tasksync[bot]", debounce: true, firstAt: expect.any(Number) },
    });
  });

  it("a failure of ours is kept as failed at once; GitHub's side is retried", async () => {
    expect(reconcileJob.retryable?.(Object.assign(new Error("Server Error"), { status: 502 }))).toBe(true);
    expect(reconcileJob.retryable?.(Object.assign(new Error("Validation Failed"), { status: 422 }))).toBe(false);
    const [a] = replicas(1, { attempts: 3 });
    let tries = 0;
    a!.start(async () => {
      tries += 1;
      throw new NotRetriedError(new Error("a bug of ours"));
    }, silent);
    await reconcileSoon(runtimeOf(a!, 0), unusedClient, ctx, { reason: "push", installationId: 7 }, silent);
    await until("the job to fail for good", async () => ((await a!.health()).counts?.["failed"] ?? 0) === 1);
    expect(tries).toBe(1);
    expect((await a!.health()).failed).toEqual([
      expect.objectContaining({ name: "reconcile", repo: "o/r", error: "a bug of ours", attempts: 1 }),
    ]);
  });
});
