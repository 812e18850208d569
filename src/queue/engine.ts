/**
 * What the queue engines are set up with and share between replicas (types only): the Redis
 * engine's settings and the state the replicas must agree on. The runtime holds them; the
 * engines take them, so they sit with the engines, below the runtime.
 */

/** The Redis-backed work engine's settings (REDIS_URL set). */
export interface EngineSettings {
  redisUrl: string;
  /** Jobs of different repositories one replica runs at once (TASKSYNC_CONCURRENCY). */
  concurrency: number;
  /** A job (and its repository) held by a replica that stops answering is taken over after this, in ms (TASKSYNC_JOB_LEASE_MS). */
  leaseMs: number;
  /** Runs of a failing job before it is kept as failed (TASKSYNC_JOB_ATTEMPTS). */
  attempts: number;
  /** First retry pause, doubling on each retry, in ms (TASKSYNC_JOB_BACKOFF_MS). */
  backoffMs: number;
}

/** What the replicas must agree on and cannot read from GitHub. */
export interface SharedState {
  addOwnCommit(sha: string): Promise<void>;
  isOwnCommit(sha: string): Promise<boolean>;
}
