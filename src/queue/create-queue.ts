/** The work engine the environment asks for: Redis when REDIS_URL is set, else in memory. */
import pino, { type Logger } from "pino";
import type { EngineSettings, SharedState } from "../app/runtime.js";
import { MemoryQueue } from "./memory-queue.js";
import { RedisQueue } from "./redis-queue.js";
import { RedisSharedState } from "./redis-shared-state.js";
import type { WorkQueue } from "./work-queue.js";

export function createQueue(engine: EngineSettings | undefined, log: Logger = pino()): { queue: WorkQueue; shared?: SharedState } {
  if (!engine) return { queue: new MemoryQueue() };
  const { redisUrl, ...options } = engine;
  const queue = new RedisQueue({ url: redisUrl, ...options }, log);
  return { queue, shared: new RedisSharedState(queue.redis, queue.prefix) };
}
