/**
 * On SIGTERM (docker stop, a rolling deploy) the server lets queued work finish — a sync under
 * way, ticks waiting in their batch window — for up to a bounded time, then exits.
 */
import type { Logger } from "pino";
import type { WorkQueue } from "../queue/work-queue.js";

export const DEFAULT_DRAIN_MS = 9_000;

export interface StoppableProcess {
  once(event: "SIGTERM", listener: () => void): unknown;
  exit(code: number): void;
}

export function drainOnStop(queue: WorkQueue, log: Logger, limitMs: number, proc: StoppableProcess = process): void {
  proc.once("SIGTERM", () => {
    const queued = queue.size();
    log.info({ queued, limitMs }, "SIGTERM: finishing queued work before exiting");
    const timer = setTimeout(() => {
      log.warn({ queued: queue.size() }, "SIGTERM: queued work did not finish in time; exiting anyway");
      proc.exit(0);
    }, limitMs);
    void queue.onIdle().then(() => {
      clearTimeout(timer);
      proc.exit(0);
    });
  });
}
