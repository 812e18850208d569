/** SharedState in Redis: what one replica learned (its own commits) the others know at once. */
import type { Redis } from "ioredis";
import type { SharedState } from "./engine.js";

/** How long an own commit is remembered: its push arrives within seconds, redeliveries within days. */
const OWN_COMMIT_TTL_SECONDS = 7 * 24 * 3600;

export class RedisSharedState implements SharedState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "tasksync",
  ) {}

  async addOwnCommit(sha: string): Promise<void> {
    await this.redis.set(`${this.prefix}:own-commit:${sha}`, "1", "EX", OWN_COMMIT_TTL_SECONDS);
  }

  async isOwnCommit(sha: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}:own-commit:${sha}`)) === 1;
  }
}
