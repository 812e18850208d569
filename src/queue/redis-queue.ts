/**
 * The Redis-backed WorkQueue (REDIS_URL), for several replicas: BullMQ stores the jobs, leases
 * each to one replica (a replica that dies loses its lease and another takes the job over),
 * retries failures with backoff and keeps what failed for good. BullMQ's open-source edition has
 * no per-key groups, so one repository's jobs are kept apart by a lane lock with a lease
 * (redis-semaphore's Mutex): a job whose repository is busy goes back to the delayed set for a
 * moment. Waiting jobs with one coalesce key collapse into one (BullMQ deduplication with
 * keepLastIfActive: one more run is kept when a push arrives while its reconcile runs).
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { Mutex } from "redis-semaphore";
import {
  NotRetriedError,
  type DurableJob,
  type QueueHealth,
  type QueuedJob,
  type RunDurableJob,
  type WorkQueue,
} from "./work-queue.js";

export interface RedisQueueOptions {
  url: string;
  /** Jobs of different repositories this replica runs at once. */
  concurrency: number;
  /** Lease of a job and of its repository's lane, in ms: how soon a dead replica's work is taken over. */
  leaseMs: number;
  attempts: number;
  backoffMs: number;
  /** How long a job whose repository is busy waits before it is tried again, in ms (default 200). */
  laneRetryMs?: number;
  /** Key prefix, so tests and benches can share one server (default "tasksync"). */
  prefix?: string;
}

interface StoredJob extends DurableJob {
  lane: string;
}

interface Running {
  job: Job<StoredJob>;
  token: string | undefined;
  lane: Mutex;
}

const QUEUE_NAME = "jobs";

export class RedisQueue implements WorkQueue {
  readonly shared = true;
  /** For locks and shared state (BullMQ opens its own connections). */
  readonly redis: Redis;
  private readonly queue: Queue<StoredJob>;
  private worker: Worker<StoredJob> | undefined;
  private readonly running = new Map<string, Running>();
  private storing = 0;
  private readonly idleWaiters: Array<() => void> = [];
  readonly prefix: string;
  private log: Logger;

  constructor(
    private readonly options: RedisQueueOptions,
    log: Logger,
  ) {
    this.prefix = options.prefix ?? "tasksync";
    this.log = log;
    this.redis = new Redis(options.url, { maxRetriesPerRequest: null });
    this.queue = new Queue<StoredJob>(QUEUE_NAME, {
      connection: { url: options.url, maxRetriesPerRequest: null },
      prefix: this.prefix,
    });
    this.queue.on("error", (error) => this.log.error({ err: error }, "work queue: Redis error"));
  }

  push(repoKey: string, job: QueuedJob): Promise<void> {
    if (!job.durable)
      return Promise.reject(new Error(`job "${job.name}" has no data form: it cannot be queued in Redis`));
    const data: StoredJob = {
      lane: repoKey,
      data: job.durable.data,
      ...(job.durable.installationId === undefined ? {} : { installationId: job.durable.installationId }),
    };
    this.storing += 1;
    return this.queue
      .add(job.name, data, {
        attempts: this.options.attempts,
        backoff: { type: "exponential", delay: this.options.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 1000 },
        ...(job.delayMs ? { delay: job.delayMs } : {}),
        ...(job.coalesceKey === undefined
          ? {}
          : { deduplication: { id: `${repoKey}|${job.coalesceKey}`, keepLastIfActive: true } }),
      })
      .then(() => undefined)
      .finally(() => this.settled(() => (this.storing -= 1)));
  }

  /** Starts this replica's worker. */
  start(runJob: RunDurableJob, log: Logger): void {
    if (this.worker) return;
    this.log = log;
    const { leaseMs, concurrency, url } = this.options;
    this.worker = new Worker<StoredJob>(QUEUE_NAME, (job, token) => this.process(job, token, runJob), {
      connection: { url, maxRetriesPerRequest: null },
      prefix: this.prefix,
      concurrency,
      lockDuration: leaseMs,
      stalledInterval: leaseMs,
      maxStalledCount: 3,
    });
    this.worker.on("error", (error) => log.error({ err: error }, "work queue: worker error"));
    this.worker.on("failed", (job, error) => {
      if (!job) return;
      const fields = { jobId: job.id, job: job.name, repo: job.data.lane, attempts: job.attemptsMade, err: error };
      if (job.attemptsMade >= (job.opts.attempts ?? 1))
        log.error(fields, "job failed for good: kept as failed in Redis");
      else log.warn(fields, "job failed: retrying after a backoff");
    });
  }

  private async process(job: Job<StoredJob>, token: string | undefined, runJob: RunDurableJob): Promise<void> {
    const { leaseMs } = this.options;
    const jobLog = this.log.child({ jobId: job.id, job: job.name, repo: job.data.lane });
    const lease = { lost: false };
    const lane = new Mutex(this.redis, `${this.prefix}:lane:${job.data.lane}`, {
      lockTimeout: leaseMs,
      refreshInterval: Math.floor(leaseMs / 3),
      onLockLost: (error) => {
        // Another replica may run this repository now: this job's client writes nothing more
        // (fence-writes.ts); the job fails and runs again, re-observing both sides.
        lease.lost = true;
        jobLog.error({ err: error }, "lost the repository's lane lock while running a job: its writes stop");
      },
    });
    if (!(await lane.tryAcquire())) {
      // Another replica (or slot) runs this repository's job: come back in a moment.
      const retryMs = this.options.laneRetryMs ?? 200;
      await job.moveToDelayed(Date.now() + retryMs + Math.floor(Math.random() * retryMs), token);
      throw new DelayedError();
    }
    this.running.set(job.id ?? "", { job, token, lane });
    const startedAt = Date.now();
    jobLog.info({ attempt: job.attemptsMade + 1 }, "job started");
    try {
      await runJob(job.name, job.data, jobLog, lease);
    } catch (error) {
      // An error of ours: BullMQ keeps the job as failed at once instead of retrying it.
      if (error instanceof NotRetriedError) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      jobLog.info({ ms: Date.now() - startedAt }, "job ended");
      this.settled(() => this.running.delete(job.id ?? ""));
      await lane
        .release()
        .catch((error: unknown) => jobLog.warn({ err: error }, "could not release the repository's lane lock"));
    }
  }

  onIdle(): Promise<void> {
    if (this.size() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  size(): number {
    return this.storing + this.running.size;
  }

  async health(): Promise<QueueHealth> {
    const counts = await this.queue.getJobCounts("waiting", "active", "delayed", "prioritized", "failed", "completed");
    const failed = await this.queue.getFailed(0, 4);
    return {
      engine: "redis",
      counts,
      failed: failed.map((job) => {
        const data = job.data as StoredJob;
        return {
          id: job.id ?? "",
          name: job.name,
          repo: data.lane,
          error: job.failedReason,
          attempts: job.attemptsMade,
          ...(job.finishedOn === undefined ? {} : { failedAt: job.finishedOn }),
        };
      }),
    };
  }

  /** Jobs not finished anywhere (waiting, delayed, running): 0 when every replica is done. */
  async outstanding(): Promise<number> {
    const counts = await this.queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async close(limitMs: number): Promise<{ finished: boolean }> {
    const worker = this.worker;
    let finished = true;
    if (worker) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), limitMs)));
      finished = await Promise.race([worker.close().then(() => true), limit]);
      clearTimeout(timer);
      if (!finished) await this.handBack();
    }
    await this.onIdleOfStoring(limitMs);
    await this.queue.close();
    if (worker && !finished) void worker.close(true).catch(() => undefined);
    this.redis.disconnect();
    return { finished };
  }

  /** Puts the jobs still running here back in the wait list, for another replica, and frees their lanes. */
  private async handBack(): Promise<void> {
    for (const { job, token, lane } of this.running.values()) {
      this.log.warn(
        { jobId: job.id, job: job.name, repo: job.data.lane },
        "stopping: handing the job back to the other replicas",
      );
      await job
        .moveToWait(token)
        .catch((error: unknown) =>
          this.log.warn(
            { err: error, jobId: job.id },
            "could not hand the job back: it is taken over when its lease ends",
          ),
        );
      await lane.release().catch(() => undefined);
    }
  }

  private async onIdleOfStoring(limitMs: number): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (this.storing > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private settled(change: () => unknown): void {
    change();
    if (this.size() === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
  }
}
