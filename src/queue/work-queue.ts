/**
 * Per-repository work queue. Work for one repository runs one job at a time, in order; work
 * for different repositories runs side by side. A waiting job with the same coalesce key as a
 * newer one is replaced by the newer one (queued pushes collapse into one reconcile of the
 * newest head). Kept behind this interface so a Redis-backed job engine can replace the
 * in-memory one when the app runs as several replicas.
 */

export interface QueuedJob {
  /** What the job is, for logs ("sync", "write-back", "gates"). */
  name: string;
  /** Jobs that share this key (within a repository) coalesce while waiting. */
  coalesceKey?: string;
  run: () => Promise<void>;
}

export interface WorkQueue {
  /**
   * Queues a job for a repository. Resolves when the job (or the newer job that replaced it)
   * has run; rejects with the job's error.
   */
  push(repoKey: string, job: QueuedJob): Promise<void>;
  /** Resolves when no job is waiting or running. */
  onIdle(): Promise<void>;
  /** Jobs waiting or running. */
  size(): number;
}
