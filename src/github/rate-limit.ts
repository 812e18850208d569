/**
 * The rate-limit policy: a request answered with a secondary rate limit (403 or 429 with
 * `retry-after`, or GitHub's "secondary rate limit" message) or an exhausted primary limit
 * (`x-ratelimit-remaining: 0`) is waited out and sent again. Everything else propagates.
 */
import type { GitHubClient } from "./client.js";
import { statusOf } from "./client.js";
import { sleep } from "../util/sleep.js";

export interface RateLimitPolicy {
  /** How many times one request is retried before the error propagates. */
  maxRetries: number;
  /** Upper bound on a single wait, in ms (a run must never hang for an hour). */
  maxWaitMs: number;
  /** Called before each wait, for logging. */
  onWait?: (info: { waitMs: number; status: number; attempt: number; route: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

interface ErrorWithHeaders {
  response?: { headers?: Record<string, string | number | undefined>; data?: { message?: unknown } };
}

/** How long GitHub asks us to wait, in ms, or null when the error is not a rate limit. */
export function rateLimitWait(error: unknown, now: number = Date.now()): number | null {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return null;
  const response = (error as ErrorWithHeaders).response;
  const headers = response?.headers ?? {};
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined && retryAfter !== "") {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  }
  if (String(headers["x-ratelimit-remaining"]) === "0" && headers["x-ratelimit-reset"] !== undefined) {
    return Math.max(0, Number(headers["x-ratelimit-reset"]) * 1000 - now) + 1000;
  }
  const message = typeof response?.data?.message === "string" ? response.data.message : "";
  if (/secondary rate limit/i.test(message) || status === 429) return 60_000;
  return null;
}

/** A client whose REST requests and GraphQL queries follow the rate-limit policy. */
export function withRateLimitPolicy<T extends GitHubClient>(gh: T, policy: RateLimitPolicy): T {
  const pause = policy.sleep ?? sleep;
  const retrying = <F extends (...args: never[]) => Promise<unknown>>(
    send: F,
    name: (args: Parameters<F>) => string,
  ): F =>
    (async (...args: Parameters<F>) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await send(...args);
        } catch (error) {
          const wait = rateLimitWait(error);
          if (wait === null || attempt > policy.maxRetries) throw error;
          const waitMs = Math.min(wait, policy.maxWaitMs);
          policy.onWait?.({ waitMs, status: statusOf(error) ?? 0, attempt, route: name(args) });
          await pause(waitMs);
        }
      }
    }) as F;
  // Keep the functions' own properties (request.endpoint, request.defaults, graphql.paginate ...).
  const request = Object.assign(
    retrying(gh.request as unknown as (route: unknown, params?: unknown) => Promise<unknown>, ([route]) =>
      typeof route === "string" ? route : "request",
    ),
    gh.request,
  );
  const graphql = Object.assign(
    retrying(gh.graphql as unknown as (query: unknown, params?: unknown) => Promise<unknown>, () => "graphql"),
    gh.graphql,
  );
  return new Proxy(gh, {
    get(target, prop, receiver) {
      if (prop === "request") return request;
      if (prop === "graphql") return graphql;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
