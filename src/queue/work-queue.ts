/**
 * Per-repository work queue. Work for one repository runs one job at a time; work for different
 * repositories runs side by side. A waiting job with the same coalesce key as a newer one is
 * replaced by the newer one (queued pushes collapse into one reconcile of the newest head).
 * Two engines: in memory (one process, the default) and Redis (REDIS_URL: several replicas).
 */
import type { Logger } from "pino";

/** A job as data, so that any replica can run it: its kind (`name`), installation and input. */
export interface DurableJob {
  /** The GitHub App installation whose client runs the job (none: the app's own client). */
  installationId?: number;
  /** JSON-serialisable input of the job's kind. */
  data: unknown;
}

export interface QueuedJob {
  /** What the job is ("reconcile", "gates", "gates-recheck"): its kind, in logs and in Redis. */
  name: string;
  /** Jobs that share this key (within a repository) coalesce while waiting. */
  coalesceKey?: string;
  /** Runs the job in this process (the in-memory engine). */
  run: () => Promise<void>;
  /** The same job as data (the Redis engine stores this and any replica runs it). */
  durable?: DurableJob;
  /**
   * Redis engine: the stored job waits this long before any replica may take it (a reconcile's
   * debounce). The in-memory engine runs what it is given: its callers wait before pushing.
   */
  delayMs?: number;
}

/** A job's failure that running it again cannot fix (an error of ours, not GitHub's): not retried. */
export class NotRetriedError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = "NotRetriedError";
  }
}

/** What the engine reports to /healthz. */
export interface QueueHealth {
  engine: "memory" | "redis";
  /** Jobs waiting, delayed (retry backoff, busy repository) and running, across all replicas. */
  counts?: Record<string, number>;
  /** The most recent jobs that failed for good, with their error. */
  failed?: Array<{ id: string; name: string; repo: string; error: string; attempts: number; failedAt?: number }>;
}

/** The hold a running job has on its repository's lane; `lost` once another replica may hold it. */
export interface JobLease {
  readonly lost: boolean;
}

/**
 * Runs a stored job on this replica: its kind's function with the installation's client. With a
 * lease, the client refuses writes once the lease is lost (see fence-writes.ts).
 */
export type RunDurableJob = (name: string, job: DurableJob, log: Logger, lease?: JobLease) => Promise<void>;

export interface WorkQueue {
  /** Jobs may run on another replica: what a job needs must be in its data when it is pushed. */
  readonly shared: boolean;
  /**
   * Queues a job for a repository. In memory: resolves when the job (or the newer job that
   * replaced it) has run, rejects with the job's error. Redis: resolves once the job is stored
   * (it runs on whichever replica takes it; its outcome is logged there and kept in Redis).
   */
  push(repoKey: string, job: QueuedJob): Promise<void>;
  /** Resolves when this process runs no job and has none waiting to be stored. */
  onIdle(): Promise<void>;
  /** Jobs waiting or running in this process. */
  size(): number;
  /** Starts taking jobs stored by any replica (Redis); the in-memory engine runs what is pushed. */
  start(runJob: RunDurableJob, log: Logger): void;
  /** The engine's state for /healthz. */
  health(): Promise<QueueHealth>;
  /**
   * Stops taking jobs and waits up to `limitMs` for the ones this process runs to finish; what
   * is still running then is handed back to the other replicas (Redis) or dropped (memory).
   */
  close(limitMs: number): Promise<{ finished: boolean }>;
}
