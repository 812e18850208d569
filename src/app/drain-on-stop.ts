/**
 * On SIGTERM (docker stop, a rolling deploy) the server stops taking jobs and lets the work it
 * holds finish — a sync under way, ticks waiting in their batch window — for up to a bounded
 * time, then exits. With Redis, what is still running then is handed back to the other replicas.
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
    log.info({ queued: queue.size(), limitMs }, "SIGTERM: finishing queued work before exiting");
    void queue
      .close(limitMs)
      .then(({ finished }) => {
        if (!finished)
          log.warn({ queued: queue.size() }, "SIGTERM: queued work did not finish in time; exiting anyway");
      })
      .catch((error: unknown) => log.error({ err: error }, "SIGTERM: the work queue did not close cleanly"))
      .finally(() => proc.exit(0));
  });
}
