/**
 * Several app replicas (real child processes, REDIS_URL set) against the emulator: each webhook
 * goes to the next replica in turn (what the reverse proxy of docker-compose.yml does), signed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sign, type Emulator, type WebhookEvent } from "../github-emulator/index.js";
import { freePort } from "../support/free-port.js";
import { appEnv, collectLogs } from "../support/app-process.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SECRET = "replicas-e2e-secret";

export interface Replica {
  name: string;
  child: ChildProcess;
  url: string;
  logs: Array<Record<string, unknown>>;
  stderr: string;
  cwd: string;
}

export async function startReplica(
  name: string,
  emulator: Emulator,
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<Replica> {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), `tasksync-${name}-`)); // no .env, no package.json
  const child = spawn(
    process.execPath,
    ["--import", join(ROOT, "node_modules/tsx/dist/loader.mjs"), join(ROOT, "test/e2e/replica-main.ts")],
    {
      cwd,
      env: { ...appEnv(cwd, port, new URL(emulator.url).host, SECRET), REDIS_URL: redisUrl, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const replica: Replica = { name, child, url: `http://127.0.0.1:${port}`, logs: [], stderr: "", cwd };
  collectLogs(child, replica);
  await waitFor(
    `${name} to answer /healthz`,
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${replica.stderr}`);
      return fetch(`${replica.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    60_000,
  );
  return replica;
}

export async function stopReplica(replica: Replica): Promise<void> {
  if (replica.child.exitCode === null && replica.child.signalCode === null) {
    const exited = new Promise((r) => replica.child.once("exit", r));
    replica.child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    if (replica.child.exitCode === null) replica.child.kill("SIGKILL");
  }
  rmSync(replica.cwd, { recursive: true, force: true });
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Round-robin delivery: the emulator's webhooks go to the live replicas in turn (or to `only`). */
export class Spreader {
  private next = 0;
  /** When set, every webhook goes to this replica. */
  only: Replica | undefined;
  readonly statuses: number[] = [];

  constructor(private readonly replicas: () => Replica[]) {}

  readonly deliver = async (event: WebhookEvent): Promise<void> => {
    const live = this.replicas().filter((r) => r.child.exitCode === null && r.child.signalCode === null);
    const target = this.only ?? live[this.next++ % live.length];
    if (!target) throw new Error("no live replica");
    const body = JSON.stringify(event.payload);
    const res = await fetch(`${target.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event.name,
        "x-github-delivery": event.id,
        "x-hub-signature-256": sign(SECRET, body),
      },
      body,
    });
    await res.arrayBuffer();
    this.statuses.push(res.status);
    if (res.status >= 300) throw new Error(`${target.name} answered ${res.status}`);
  };
}

interface Health {
  queued: number;
  counts?: Record<string, number>;
  failed?: unknown[];
}

export async function health(replica: Replica): Promise<Health> {
  return (await (await fetch(`${replica.url}/healthz`)).json()) as Health;
}

/** Jobs not finished: this replica's own (queued) and, with Redis, every replica's waiting, delayed or running ones. */
async function busy(replica: Replica): Promise<number> {
  const { queued, counts = {} } = await health(replica);
  return (
    queued +
    (counts["waiting"] ?? 0) +
    (counts["active"] ?? 0) +
    (counts["delayed"] ?? 0) +
    (counts["prioritized"] ?? 0)
  );
}

/** Waits until every webhook is delivered and no replica holds work, a few polls in a row. */
export async function settle(emulator: Emulator, replicas: () => Replica[], timeoutMs = 90_000): Promise<void> {
  let quiet = 0;
  await waitFor(
    "the replicas to settle",
    async () => {
      const before = emulator.sentWebhooks().length;
      await emulator.webhooksDelivered();
      const live = replicas().filter((r) => r.child.exitCode === null && r.child.signalCode === null);
      const work = (await Promise.all(live.map(busy))).reduce((sum, n) => sum + n, 0);
      quiet = work === 0 && emulator.sentWebhooks().length === before ? quiet + 1 : 0;
      return quiet >= 4;
    },
    timeoutMs,
  );
}

export interface JobSpan {
  replica: string;
  jobId: string;
  job: string;
  lane: string;
  start: number;
  end: number;
}

/** Every job run, from the replicas' "job started" / "job ended" log lines. */
export function jobSpans(replicas: Replica[]): { spans: JobSpan[]; unfinished: JobSpan[] } {
  const spans: JobSpan[] = [];
  const unfinished: JobSpan[] = [];
  for (const replica of replicas) {
    const open = new Map<string, JobSpan>();
    for (const line of replica.logs) {
      const key = `${String(line["jobId"])}`;
      if (line["msg"] === "job started") {
        open.set(key, {
          replica: replica.name,
          jobId: key,
          job: String(line["job"]),
          lane: String(line["repo"]),
          start: Number(line["time"]),
          end: Infinity,
        });
      } else if (line["msg"] === "job ended") {
        const span = open.get(key);
        if (span) spans.push({ ...span, end: Number(line["time"]) });
        open.delete(key);
      }
    }
    unfinished.push(...open.values());
  }
  return { spans, unfinished };
}

/** Pairs of jobs of one lane (repository) that ran at the same time. */
export function overlaps(spans: JobSpan[]): Array<[JobSpan, JobSpan]> {
  const found: Array<[JobSpan, JobSpan]> = [];
  const byLane = new Map<string, JobSpan[]>();
  for (const span of spans) byLane.set(span.lane, [...(byLane.get(span.lane) ?? []), span]);
  for (const lane of byLane.values()) {
    lane.sort((a, b) => a.start - b.start);
    let latest: JobSpan | undefined;
    for (const span of lane) {
      if (latest && span.start < latest.end) found.push([latest, span]);
      if (!latest || span.end > latest.end) latest = span;
    }
  }
  return found;
}
