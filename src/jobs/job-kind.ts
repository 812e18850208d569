/**
 * A kind of job: a name and a function of plain data. The same definition gives the in-memory
 * engine a closure to run and the Redis engine the data any replica needs to run it (the
 * replica that takes the job builds the installation's client itself).
 */
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import type { GitHubClient } from "../github/client.js";
import type { QueuedJob } from "../queue/work-queue.js";

/** What a job runs with, besides its data. */
export interface JobEnv {
  /** The installation's client (Probot's context.octokit, or app.auth(installationId) on another replica). */
  octokit: GitHubClient;
  installationId?: number;
  runtime: AppRuntime;
  log: Logger;
}

export interface JobKind<D> {
  name: string;
  run(data: D, env: JobEnv): Promise<void>;
  /** Whether a failure is worth running the job again for (default: every failure is). */
  retryable?(error: unknown): boolean;
  /** The queued job: `run` with `env` in this process, or `data` for whichever replica takes it. */
  job(data: D, env: JobEnv, coalesceKey?: string): QueuedJob;
}

export function defineJob<D>(
  name: string,
  run: (data: D, env: JobEnv) => Promise<void>,
  retryable?: (error: unknown) => boolean,
): JobKind<D> {
  return {
    name,
    run,
    ...(retryable ? { retryable } : {}),
    job: (data, env, coalesceKey) => ({
      name,
      ...(coalesceKey === undefined ? {} : { coalesceKey }),
      run: () => run(data, env),
      durable: { ...(env.installationId === undefined ? {} : { installationId: env.installationId }), data },
    }),
  };
}
