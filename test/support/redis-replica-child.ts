/**
 * A replica in its own process for the takeover test: takes jobs from Redis (REDIS_URL, PREFIX)
 * and runs each until killed, printing "started <sha>" when it takes one.
 */
import pino from "pino";
import { RedisQueue } from "../../src/queue/redis-queue.js";

const queue = new RedisQueue(
  {
    url: process.env["REDIS_URL"] ?? "",
    concurrency: 1,
    leaseMs: Number(process.env["LEASE_MS"] ?? 1000),
    attempts: 1,
    backoffMs: 10,
    laneRetryMs: 20,
    prefix: process.env["PREFIX"] ?? "tasksync",
  },
  pino({ level: "silent" }),
);
queue.start(
  async (_name, job) => {
    process.stdout.write(`started ${(job.data as { sha: string }).sha}\n`);
    await new Promise(() => undefined);
  },
  pino({ level: "silent" }),
);
