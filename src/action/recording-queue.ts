/**
 * The Action's work queue: the app's in-memory queue, remembering which jobs failed. The app's
 * handlers log a failed job and wait for the next event; a workflow step must fail instead.
 */
import { MemoryQueue } from "../queue/memory-queue.js";
import type { QueueHealth, QueuedJob, WorkQueue } from "../queue/work-queue.js";

export interface JobFailure {
  job: string;
  error: unknown;
}

export class RecordingQueue implements WorkQueue {
  readonly shared = false;
  readonly failures: JobFailure[] = [];
  private readonly inner = new MemoryQueue();

  push(repoKey: string, job: QueuedJob): Promise<void> {
    return this.inner.push(repoKey, {
      ...job,
      run: async () => {
        try {
          await job.run();
        } catch (error) {
          this.failures.push({ job: job.name, error });
          throw error;
        }
      },
    });
  }

  onIdle(): Promise<void> {
    return this.inner.onIdle();
  }

  size(): number {
    return this.inner.size();
  }

  /** Nothing to take: pushed jobs run here. */
  start(): void {}

  health(): Promise<QueueHealth> {
    return this.inner.health();
  }

  close(limitMs: number): Promise<{ finished: boolean }> {
    return this.inner.close(limitMs);
  }
}
