/**
 * One replica of the app for the replicas e2e test, as `probot run` starts it (environment:
 * APP_ID, PRIVATE_KEY, GHE_HOST, REDIS_URL, ...) with one difference: Probot's write pacing
 * (1 s between writes, 3 s between issue creations) is E2E_WRITE_PACE_MS instead, still kept in
 * the same Redis (Bottleneck clustering) that Probot shares between replicas. E2E_THROTTLE=off
 * turns Probot's throttling off altogether (bench:queue, to measure the work engine alone).
 */
import Bottleneck from "bottleneck";
import { ProbotOctokit, run } from "probot";
import app from "../../src/index.js";

const paceMs = Number(process.env["E2E_WRITE_PACE_MS"] ?? 0);
const groups = new Map<string, Bottleneck.Group>();

function pacedGroup(id: string, connection: unknown): Bottleneck.Group {
  let group = groups.get(id);
  if (!group) {
    group = new Bottleneck.Group({
      id,
      maxConcurrent: 1,
      minTime: paceMs,
      timeout: 120_000,
      ...(connection ? { connection: connection as Bottleneck.IORedisConnection } : {}),
    });
    groups.set(id, group);
  }
  return group;
}

const Octokit = ProbotOctokit.defaults((options: { throttle?: Record<string, unknown> }) => {
  const throttle = options.throttle;
  if (process.env["E2E_THROTTLE"] === "off") return { ...options, throttle: { enabled: false } };
  if (!throttle) return options;
  const connection = throttle["connection"];
  return {
    ...options,
    throttle: {
      ...throttle,
      write: pacedGroup("octokit-write", connection),
      notifications: pacedGroup("octokit-notifications", connection),
    },
  };
});

await run(app, { Octokit });
