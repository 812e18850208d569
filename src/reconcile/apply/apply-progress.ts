/**
 * Progress of a long apply: every minute (by default) one log line with the tasks done, the
 * total and an estimate of the time left, from the pace so far.
 */
import type { Logger } from "pino";
import type { Operation } from "../operations.js";
import type { Plan } from "../plan/plan-list.js";

const TASK_KEY = /#T\d+[a-z]?$/i;

/** The task keys an operation concerns (the unit progress counts in). */
const taskOf = (op: Operation): string | undefined => ("key" in op && TASK_KEY.test(op.key) ? op.key : undefined);

export interface ProgressLine {
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated time left, in ms; null until something is done. */
  leftMs: number | null;
}

export class ProgressReporter {
  private readonly remaining = new Map<string, number>();
  private readonly total: number;
  private doneTasks = 0;
  private readonly started: number;
  private lastReport: number;

  constructor(
    plan: Plan,
    private readonly log: Logger,
    private readonly everyMs = 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {
    for (const op of plan.operations) {
      const key = taskOf(op);
      if (key !== undefined) this.remaining.set(key, (this.remaining.get(key) ?? 0) + 1);
    }
    this.total = this.remaining.size;
    this.started = this.now();
    this.lastReport = this.started;
  }

  /** The progress now. */
  line(): ProgressLine {
    const elapsedMs = this.now() - this.started;
    const leftMs =
      this.doneTasks === 0 ? null : Math.round((elapsedMs / this.doneTasks) * (this.total - this.doneTasks));
    return { done: this.doneTasks, total: this.total, elapsedMs, leftMs };
  }

  /** One operation finished; when a period has passed, logs the progress and returns it. */
  done(op: Operation): ProgressLine | null {
    const key = taskOf(op);
    if (key !== undefined) {
      const left = (this.remaining.get(key) ?? 1) - 1;
      this.remaining.set(key, left);
      if (left === 0) this.doneTasks += 1;
    }
    if (this.now() - this.lastReport < this.everyMs) return null;
    this.lastReport = this.now();
    const p = this.line();
    this.log.info({ done: p.done, total: p.total, elapsedMs: p.elapsedMs, leftMs: p.leftMs }, "sync in progress");
    return p;
  }

  finish(): void {
    if (this.now() - this.started >= this.everyMs) {
      this.log.info({ done: this.doneTasks, total: this.total, elapsedMs: this.now() - this.started }, "sync finished");
    }
  }
}
