import { describe, expect, it } from "@jest/globals";
import type { GitHubClient } from "../../../src/github/client.js";
import { rateLimitWait, withRateLimitPolicy } from "../../../src/github/rate-limit.js";

const limited = (status: number, headers: Record<string, string>, message = "") =>
  Object.assign(new Error(message || "limited"), { status, response: { headers, data: { message } } });

/** A client that fails its first `failures` calls of each kind with `error`, then answers. */
function flaky(failures: number, error: Error) {
  const calls = { request: 0, graphql: 0 };
  const request = Object.assign(
    async () => {
      calls.request += 1;
      if (calls.request <= failures) throw error;
      return { data: "rest" };
    },
    { endpoint: "kept" },
  );
  const graphql = Object.assign(
    async () => {
      calls.graphql += 1;
      if (calls.graphql <= failures) throw error;
      return { ok: "graphql" };
    },
    { paginate: "kept" },
  );
  return { gh: { request, graphql } as unknown as GitHubClient, calls };
}

describe("rateLimitWait", () => {
  it.each([
    ["403 with retry-after", limited(403, { "retry-after": "7" }), 7_000],
    ["429 with retry-after", limited(429, { "retry-after": "0.5" }), 500],
    ["an exhausted primary limit", limited(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1010" }), 11_000],
    ["the secondary-limit message alone", limited(403, {}, "You have exceeded a secondary rate limit"), 60_000],
    ["a permission error", limited(403, {}, "Resource not accessible by integration"), null],
    ["a 404", limited(404, { "retry-after": "1" }), null],
  ])("%s", (_name, error, expected) => {
    expect(rateLimitWait(error, 1_000_000)).toBe(expected);
  });
});

describe("withRateLimitPolicy", () => {
  it("waits out a secondary limit on REST and GraphQL alike, then answers", async () => {
    const { gh, calls } = flaky(2, limited(403, { "retry-after": "3" }));
    const waits: Array<[number, string]> = [];
    const guarded = withRateLimitPolicy(gh, {
      maxRetries: 5,
      maxWaitMs: 60_000,
      sleep: async () => {},
      onWait: ({ waitMs, route }) => void waits.push([waitMs, route]),
    });
    expect(await guarded.request("GET /x" as never)).toEqual({ data: "rest" });
    expect(await guarded.graphql("query { x }")).toEqual({ ok: "graphql" });
    expect(calls).toEqual({ request: 3, graphql: 3 });
    expect(waits).toEqual([
      [3000, "GET /x"],
      [3000, "GET /x"],
      [3000, "graphql"],
      [3000, "graphql"],
    ]);
    expect((guarded.request as unknown as { endpoint: string }).endpoint).toBe("kept");
    expect((guarded.graphql as unknown as { paginate: string }).paginate).toBe("kept");
  });

  it("gives up after maxRetries, and never retries other errors", async () => {
    const limitedForever = flaky(10, limited(429, { "retry-after": "1" }));
    const guarded = withRateLimitPolicy(limitedForever.gh, { maxRetries: 2, maxWaitMs: 10, sleep: async () => {} });
    await expect(guarded.request("GET /x" as never)).rejects.toMatchObject({ status: 429 });
    expect(limitedForever.calls.request).toBe(3);

    const forbidden = flaky(1, limited(403, {}, "Resource not accessible by integration"));
    const plain = withRateLimitPolicy(forbidden.gh, { maxRetries: 5, maxWaitMs: 10, sleep: async () => {} });
    await expect(plain.request("GET /x" as never)).rejects.toMatchObject({ status: 403 });
    expect(forbidden.calls.request).toBe(1);
  });
});
