/**
 * For the tests of the Redis engine: one real redis-server for the file, RedisQueue "replicas"
 * on a fresh key prefix per call (closed after each test), and a poll helper.
 */
import { afterAll, afterEach, beforeAll } from "@jest/globals";
import pino from "pino";
import { RedisQueue, type RedisQueueOptions } from "../../src/queue/redis-queue.js";
import { startRedis, type RedisServer } from "./redis-server.js";

export const silent = pino({ level: "silent" });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RedisQueues {
  /** The server's URL (once the file's beforeAll has run). */
  url(): string;
  /** A fresh key prefix (the tests share one server). */
  nextPrefix(): string;
  /** `count` replicas sharing one prefix, closed after the test. */
  replicas(count: number, options?: Partial<RedisQueueOptions>, prefix?: string): RedisQueue[];
  /** The test closes this one itself: not closed again after it. */
  forget(queue: RedisQueue): void;
}

/** Registers the file's hooks: call at the top level of a test file. */
export function useRedisQueues(prefixBase: string): RedisQueues {
  let redis: RedisServer | undefined;
  let open: RedisQueue[] = [];
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(open.map((q) => q.close(2_000)));
    open = [];
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const url = (): string => {
    if (!redis) throw new Error("redis-server is not started yet");
    return redis.url;
  };
  const nextPrefix = (): string => `${prefixBase}${++prefixes}`;
  return {
    url,
    nextPrefix,
    replicas(count, options = {}, prefix = nextPrefix()) {
      const made = Array.from(
        { length: count },
        () =>
          new RedisQueue(
            {
              url: url(),
              concurrency: 4,
              leaseMs: 1_000,
              attempts: 1,
              backoffMs: 10,
              laneRetryMs: 20,
              prefix,
              ...options,
            },
            silent,
          ),
      );
      open.push(...made);
      return made;
    },
    forget(queue) {
      open = open.filter((q) => q !== queue);
    },
  };
}

/** Polls until `probe` holds (throws after `timeoutMs`). */
export async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
