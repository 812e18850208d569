/**
 * The write-back job as a job kind. In memory the handler's batch stays live until the job
 * takes it (events join it meanwhile); with a shared (Redis) queue the batch travels as data,
 * so every event is its own batch and nothing joins a batch that may already run elsewhere.
 */
import { guardedClient } from "../github/guarded-client.js";
import { defineJob } from "../queue/job-kind.js";
import type { RepoContext } from "../sync/repo-context.js";
import { TickBatcher, type TickBatch } from "./tick-batcher.js";
import type { PendingTick } from "./tick-change.js";
import { runWriteBack } from "./write-back-job.js";

export interface WriteBackData {
  ctx: RepoContext;
  path: string;
  startedAt: number;
  ticks: PendingTick[];
  deliveries: string[];
}

export function writeBackData(ctx: RepoContext, batch: TickBatch): WriteBackData {
  return { ctx, path: batch.path, startedAt: batch.startedAt, ticks: [...batch.ticks.values()], deliveries: [...batch.deliveries] };
}

export const writeBackJob = defineJob<WriteBackData>("write-back", async (data, { octokit, runtime, log }) => {
  const batcher = new TickBatcher();
  const batch: TickBatch = {
    repoKey: `${data.ctx.owner}/${data.ctx.repo}`,
    path: data.path,
    startedAt: data.startedAt,
    ticks: new Map(data.ticks.map((tick) => [tick.taskId, tick])),
    deliveries: data.deliveries,
  };
  await runWriteBack({ gh: guardedClient(octokit, log), ctx: data.ctx, batch, batcher, runtime, log });
});
