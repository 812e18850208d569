/** The in-memory WorkQueue: one p-queue (concurrency 1) per repository. */
import PQueue from "p-queue";
import type { QueueHealth, QueuedJob, WorkQueue } from "./work-queue.js";

interface Waiting {
  job: QueuedJob;
  settle: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

export class MemoryQueue implements WorkQueue {
  readonly shared = false;
  private readonly queues = new Map<string, PQueue>();
  /** Waiting (not yet started) jobs by repoKey + coalesceKey. */
  private readonly waiting = new Map<string, Waiting>();
  private readonly idleWaiters: Array<() => void> = [];
  private pending = 0;

  push(repoKey: string, job: QueuedJob): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const slot = job.coalesceKey === undefined ? undefined : `${repoKey}\u0000${job.coalesceKey}`;
      const existing = slot === undefined ? undefined : this.waiting.get(slot);
      if (existing) {
        existing.job = job;
        existing.settle.push({ resolve, reject });
        return;
      }
      const entry: Waiting = { job, settle: [{ resolve, reject }] };
      if (slot !== undefined) this.waiting.set(slot, entry);
      this.pending += 1;
      void this.queueFor(repoKey)
        .add(async () => {
          if (slot !== undefined) this.waiting.delete(slot);
          try {
            await entry.job.run();
            for (const s of entry.settle) s.resolve();
          } catch (error) {
            for (const s of entry.settle) s.reject(error);
          }
        })
        .finally(() => {
          this.pending -= 1;
          if (this.pending === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
        });
    });
  }

  onIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  size(): number {
    return this.pending;
  }

  /** Nothing to take: pushed jobs run here. */
  start(): void {}

  health(): Promise<QueueHealth> {
    return Promise.resolve({ engine: "memory" });
  }

  /** Waits for the queued work up to the limit; what still runs then is lost with the process. */
  async close(limitMs: number): Promise<{ finished: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), limitMs)));
    const finished = await Promise.race([this.onIdle().then(() => true), limit]);
    clearTimeout(timer);
    return { finished };
  }

  private queueFor(repoKey: string): PQueue {
    let queue = this.queues.get(repoKey);
    if (!queue) {
      queue = new PQueue({ concurrency: 1 });
      queue.on("idle", () => this.queues.delete(repoKey));
      this.queues.set(repoKey, queue);
    }
    return queue;
  }
}
