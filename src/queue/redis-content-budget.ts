/**
 * The content-creation budget shared by every replica through Redis: one sliding window per
 * installation and window length, kept as a sorted set of spend times. A Lua script checks all
 * windows and spends in one step, so two replicas never both take the last unit. (Rate-limit
 * libraries for Redis count in fixed windows, which let twice the limit through at a window's
 * edge — exactly the burst GitHub's secondary limits punish.)
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { DEFAULT_BUDGET_WINDOWS, type BudgetWindow, type ContentBudget } from "../github/pacing-budget.js";
import { sleep as realSleep } from "../util/sleep.js";

/**
 * KEYS: one sorted set per window. ARGV: now, member, then limit and ms per window.
 * Returns 0 when spent, else the ms until the window that is full frees a unit.
 */
const SPEND = `
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local ms = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ms)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local w = tonumber(freeing[2]) + ms - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + 2 * i]))
end
return 0
`;

export class RedisContentBudget implements ContentBudget {
  constructor(
    private readonly redis: Redis,
    private readonly windows: readonly BudgetWindow[] = DEFAULT_BUDGET_WINDOWS,
    private readonly prefix = "tasksync",
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  async spend(key: string): Promise<number> {
    const keys = this.windows.map((w) => `${this.prefix}:budget:${key}:${w.ms}`);
    const limits = this.windows.flatMap((w) => [String(w.limit), String(w.ms)]);
    let waited = 0;
    for (;;) {
      const wait = Number(
        await this.redis.eval(SPEND, keys.length, ...keys, String(this.now()), randomUUID(), ...limits),
      );
      if (wait <= 0) return waited;
      await this.sleep(wait);
      waited += wait;
    }
  }
}
