/** The content-creation budget replicas share through a real Redis: one sliding window per installation. */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { RedisContentBudget } from "../../../src/queue/redis-content-budget.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";

let server: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedis();
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});

/** A replica's budget: its own connection to the shared Redis; `clock.last` is the time of its latest attempt. */
function replicaBudget(limit: number, ms: number, clock = { last: 0 }): RedisContentBudget {
  const redis = new Redis(server.url);
  clients.push(redis);
  const now = (): number => (clock.last = Date.now());
  return new RedisContentBudget(redis, [{ limit, ms }], "budget-test", undefined, now);
}

describe("RedisContentBudget", () => {
  it("two replicas spending for one installation never put more than the limit in any window", async () => {
    const clocks = [{ last: 0 }, { last: 0 }];
    const replicas = clocks.map((clock) => ({ budget: replicaBudget(4, 600, clock), clock }));
    const times: number[] = []; // when each unit was spent, as the script saw it
    const waits: number[] = [];
    await Promise.all(
      replicas.map(async ({ budget, clock }) => {
        for (let i = 0; i < 5; i++) {
          waits.push(await budget.spend("installation-1"));
          times.push(clock.last);
        }
      }),
    );
    times.sort((x, y) => x - y);
    expect(times).toHaveLength(10);
    // Sliding window: the (i+4)th spend comes at least a window after the i-th.
    for (let i = 0; i + 4 < times.length; i++)
      expect((times[i + 4] as number) - (times[i] as number)).toBeGreaterThanOrEqual(600);
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]); // the first window's four go at once
    expect(waits.filter((w) => w > 0).length).toBeGreaterThanOrEqual(2); // the rest waited for units to free
  });

  it("keeps installations apart: another installation spends at once", async () => {
    const budget = replicaBudget(2, 60_000);
    expect(await budget.spend("installation-2")).toBe(0);
    expect(await budget.spend("installation-2")).toBe(0);
    expect(await budget.spend("installation-3")).toBe(0);
  });
});
