/**
 * Collects issue events per repository and task list for a short window, so that issues
 * closed together become one commit. The batcher only holds the data; the job that writes a
 * batch is queued by the caller when `add` opens a new batch, and `take`s the batch once its
 * window is over — events after that open the next batch.
 */
import type { PendingTick } from "./tick-change.js";

export interface TickBatch {
  repoKey: string;
  path: string;
  /** When the first event of the batch arrived (ms since the epoch, from the batcher's clock). */
  startedAt: number;
  /** Task id → its latest event: a later event for the same task overrides an earlier one. */
  ticks: Map<string, PendingTick>;
  /** Delivery ids of the events in the batch, for logs. */
  deliveries: string[];
}

export class TickBatcher {
  private readonly open = new Map<string, TickBatch>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds an event; `opened` is true when it started a new batch (whose job must be queued). */
  add(repoKey: string, path: string, tick: PendingTick, delivery: string): { batch: TickBatch; opened: boolean } {
    const slot = slotOf(repoKey, path);
    const existing = this.open.get(slot);
    const batch: TickBatch = existing ?? { repoKey, path, startedAt: this.now(), ticks: new Map(), deliveries: [] };
    batch.ticks.delete(tick.taskId); // keep the map in order of each task's latest event
    batch.ticks.set(tick.taskId, tick);
    batch.deliveries.push(delivery);
    if (!existing) this.open.set(slot, batch);
    return { batch, opened: !existing };
  }

  /** How long until the batch's window is over (0 when it is). */
  remainingMs(batch: TickBatch, windowMs: number): number {
    return Math.max(0, batch.startedAt + windowMs - this.now());
  }

  /** Closes the batch: later events open a new one. Returns its ticks in event order. */
  take(batch: TickBatch): PendingTick[] {
    const slot = slotOf(batch.repoKey, batch.path);
    if (this.open.get(slot) === batch) this.open.delete(slot);
    return [...batch.ticks.values()];
  }

  /** Batches still collecting events. */
  size(): number {
    return this.open.size;
  }
}

const slotOf = (repoKey: string, path: string): string => `${repoKey}\u0000${path}`;
