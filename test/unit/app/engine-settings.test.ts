import { describe, expect, it } from "@jest/globals";
import { engineSettingsFromEnv } from "../../../src/app/runtime.js";
import { createRuntime } from "../../../src/index.js";

describe("engineSettingsFromEnv", () => {
  it("is undefined without REDIS_URL (or with it empty): the in-memory engine", () => {
    expect(engineSettingsFromEnv({})).toBeUndefined();
    expect(engineSettingsFromEnv({ REDIS_URL: "" })).toBeUndefined();
    expect(createRuntime({}).queue.shared).toBe(false);
    expect(createRuntime({}).shared).toBeUndefined();
  });

  it("reads the Redis engine's settings, with defaults", () => {
    expect(engineSettingsFromEnv({ REDIS_URL: "redis://r:6379" })).toEqual({
      redisUrl: "redis://r:6379",
      concurrency: 4,
      leaseMs: 30_000,
      attempts: 5,
      backoffMs: 5_000,
    });
    expect(
      engineSettingsFromEnv({
        REDIS_URL: "redis://r",
        TASKSYNC_CONCURRENCY: "8",
        TASKSYNC_JOB_LEASE_MS: "5000",
        TASKSYNC_JOB_ATTEMPTS: "2",
        TASKSYNC_JOB_BACKOFF_MS: "100",
      }),
    ).toEqual({ redisUrl: "redis://r", concurrency: 8, leaseMs: 5_000, attempts: 2, backoffMs: 100 });
  });

  it("names the variable at fault", () => {
    expect(() => engineSettingsFromEnv({ REDIS_URL: "redis://r", TASKSYNC_CONCURRENCY: "many" })).toThrow(
      'TASKSYNC_CONCURRENCY must be a whole number of jobs, got "many"',
    );
  });
});
