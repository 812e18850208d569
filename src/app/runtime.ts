/** What the running app shares between its handlers: the work queue and a few settings. */
import type { ContentBudget } from "../github/pacing-budget.js";
import type { WorkQueue } from "../queue/work-queue.js";
import type { EngineSettings, SharedState } from "../queue/engine.js";
import { DEFAULT_DRAIN_MS } from "./drain-on-stop.js";

/** Re-exported for the code that sets the engines up from the environment. */
export type { EngineSettings, SharedState };

export interface RuntimeSettings {
  /** Pause between two writes of one reconcile, in ms (TASKSYNC_WRITE_PAUSE_MS). */
  writePauseMs: number;
  /** Overrides the config's write-back batch window, in ms (TASKSYNC_BATCH_WINDOW_MS; tests and the demo). */
  batchWindowMs?: number;
  /** How long a stopping server waits for queued work, in ms (TASKSYNC_DRAIN_MS). */
  drainMs: number;
  /** First pause before a reconcile that failed on GitHub's side runs again, in ms (tests; 1 s by default, doubling). */
  retryBaseMs?: number;
}

export interface AppRuntime {
  queue: WorkQueue;
  settings: RuntimeSettings;
  /** Commits tasksync itself wrote (ticks), so their push comes back as a no-op. */
  ownCommits: Set<string>;
  /** With replicas (REDIS_URL): the same facts shared through Redis, so any replica knows them. */
  shared?: SharedState;
  /** The app's bot login, `<slug>[bot]`, once known. */
  botLogin?: string;
  /** The content-creation budget every sync spends before it writes (TASKSYNC_CONTENT_PER_MINUTE/_PER_HOUR). */
  budget?: ContentBudget;
}

function intFromEnv(name: string, env: NodeJS.ProcessEnv, unit = "milliseconds"): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of ${unit}, got "${raw}"`);
  return value;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  const batchWindowMs = intFromEnv("TASKSYNC_BATCH_WINDOW_MS", env);
  return {
    writePauseMs: intFromEnv("TASKSYNC_WRITE_PAUSE_MS", env) ?? 0,
    drainMs: intFromEnv("TASKSYNC_DRAIN_MS", env) ?? DEFAULT_DRAIN_MS,
    ...(batchWindowMs === undefined ? {} : { batchWindowMs }),
  };
}

/** The Redis engine's settings, or undefined without REDIS_URL (the in-memory engine). */
export function engineSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineSettings | undefined {
  const redisUrl = env["REDIS_URL"];
  if (redisUrl === undefined || redisUrl === "") return undefined;
  return {
    redisUrl,
    concurrency: Math.max(1, intFromEnv("TASKSYNC_CONCURRENCY", env, "jobs") ?? 4),
    leaseMs: Math.max(1000, intFromEnv("TASKSYNC_JOB_LEASE_MS", env) ?? 30_000),
    attempts: Math.max(1, intFromEnv("TASKSYNC_JOB_ATTEMPTS", env, "runs") ?? 5),
    backoffMs: intFromEnv("TASKSYNC_JOB_BACKOFF_MS", env) ?? 5_000,
  };
}
