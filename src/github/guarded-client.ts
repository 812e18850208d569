/** The client every job uses: GitHub's rate limits are waited out (and logged), not failed on. */
import type { Logger } from "pino";
import type { GitHubClient } from "./client.js";
import { withRateLimitPolicy } from "./rate-limit.js";

export const RATE_LIMIT_RETRIES = 8;
export const MAX_RATE_LIMIT_WAIT_MS = 15 * 60 * 1000;

export function guardedClient<T extends GitHubClient>(gh: T, log: Logger): T {
  return withRateLimitPolicy(gh, {
    maxRetries: RATE_LIMIT_RETRIES,
    maxWaitMs: MAX_RATE_LIMIT_WAIT_MS,
    onWait: ({ waitMs, status, attempt, route }) =>
      log.warn({ waitMs, status, attempt, route }, "rate limited by GitHub: waiting before retrying"),
  });
}
