/** The work engine the environment asks for: Redis when REDIS_URL is set, else in memory. */
import pino, { type Logger } from "pino";
import type { EngineSettings, SharedState } from "./engine.js";
import type { BudgetWindow, ContentBudget } from "../github/pacing-budget.js";
import { MemoryQueue } from "./memory-queue.js";
import { RedisContentBudget } from "./redis-content-budget.js";
import { RedisQueue } from "./redis-queue.js";
import { RedisSharedState } from "./redis-shared-state.js";
import type { WorkQueue } from "./work-queue.js";

/**
 * With Redis, replicas also share the content-creation budget (`budget`): every replica of an
 * installation spends from one window. In memory there is none here: the caller keeps its own.
 */
export function createQueue(
  engine: EngineSettings | undefined,
  log: Logger = pino(),
  budgetWindows?: readonly BudgetWindow[],
): { queue: WorkQueue; shared?: SharedState; budget?: ContentBudget } {
  if (!engine) return { queue: new MemoryQueue() };
  const { redisUrl, ...options } = engine;
  const queue = new RedisQueue({ url: redisUrl, ...options }, log);
  return {
    queue,
    shared: new RedisSharedState(queue.redis, queue.prefix),
    budget: new RedisContentBudget(queue.redis, budgetWindows, queue.prefix),
  };
}
