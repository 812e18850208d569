/**
 * How apply sends a write: it first spends the installation's content budget; an idempotent
 * write (an update, a label, a link) that meets a 5xx storm is waited out (`retry-after`
 * honoured, else a doubling pause) and sent again. Creates and comments are sent once: one that
 * failed without an answer may have happened, so the caller looks before it sends it again
 * (place-issues.ts, ambiguous-write.ts).
 */
import type { Logger } from "pino";
import { statusOf } from "../../github/client.js";
import type { ContentBudget } from "../../github/pacing-budget.js";
import { sleep } from "../../util/sleep.js";

/** How many times an idempotent write is sent again after a 5xx before the sync gives up. */
export const SERVER_ERROR_RETRIES = 6;

function retryAfterMs(error: unknown): number | undefined {
  const value = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers?.["retry-after"];
  const seconds = Number(value);
  return value === undefined || !Number.isFinite(seconds) ? undefined : seconds * 1000;
}

export class PacedWrites {
  /** Writes sent (each attempt counts). */
  sent = 0;

  constructor(
    private readonly budget: ContentBudget,
    private readonly budgetKey: string,
    private readonly log: Logger,
    /** First wait after a server error, doubled each time, in ms. */
    private readonly serverErrorDelayMs = 1000,
  ) {}

  /** Sends one write, after spending the budget for it. */
  async once<T>(send: () => Promise<T>): Promise<T> {
    await this.budget.spend(this.budgetKey);
    this.sent += 1;
    return send();
  }

  /** Sends an idempotent write, again after each server error, up to SERVER_ERROR_RETRIES times. */
  async idempotent<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(send);
      } catch (error) {
        const status = statusOf(error) ?? 0;
        if (status < 500 || attempt > SERVER_ERROR_RETRIES) throw error;
        const waitMs = retryAfterMs(error) ?? this.serverErrorDelayMs * 2 ** (attempt - 1);
        this.log.warn(
          { status, attempt, waitMs },
          "GitHub answered a server error: waiting, then sending the same idempotent write again",
        );
        await sleep(waitMs);
      }
    }
  }
}
