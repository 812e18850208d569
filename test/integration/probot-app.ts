/**
 * The real app inside Probot for handler tests: no server, strict HTTP mocks (nock) around it.
 * The network is closed, so a request no mock answers fails its job: `jobs` records every job
 * the app queued with its outcome, `expectStrict` fails a test on any job that failed unless the
 * test said it would, and `close()` fails it on any mock that was never requested.
 */
import { readFileSync } from "node:fs";
import { expect } from "@jest/globals";
import nock from "nock";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { AppRuntime, RuntimeSettings } from "../../src/app/runtime.js";
import { messageOf, statusOf } from "../../src/github/client.js";
import { tasksyncApp } from "../../src/index.js";
import { MemoryQueue } from "../../src/queue/memory-queue.js";
import { testPrivateKey } from "../support/test-key.js";

export const API = "https://api.github.com";

/** A job the app queued, and how it ended: null when it succeeded, else its error. */
export interface TestJob {
  name: string;
  outcome: Promise<unknown>;
}

export interface TestAppOptions {
  /** Loads handlers into Probot (default: the whole app, `tasksyncApp(runtime)`). */
  load?: (app: Probot, runtime: AppRuntime) => void | Promise<void>;
  /** The app's bot login, as if already learned from `GET /app` (default: not known). */
  botLogin?: string;
  /** Runtime settings over the test defaults (no write pause, no batch window, no drain). */
  settings?: Partial<RuntimeSettings>;
  /** Keep Probot's plugin-retry on, as in production (fast backoff); off by default. */
  retries?: boolean;
}

export interface TestApp {
  probot: Probot;
  runtime: AppRuntime;
  /** Every job the app queued, in order. */
  jobs: TestJob[];
  /** Delivers an event and waits for the jobs it queued. */
  receive(event: { id: string; name: string; payload: unknown }): Promise<void>;
  /** Throws, listing them, when mocks were left unrequested; clears every mock and reopens the network either way. */
  close(): void;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  nock.disableNetConnect();
  const queue = new MemoryQueue();
  const jobs: TestJob[] = [];
  const push = queue.push.bind(queue);
  queue.push = (repoKey, job) => {
    const done = push(repoKey, job);
    jobs.push({
      name: job.name,
      outcome: done.then(
        () => null,
        (error: unknown) => error,
      ),
    });
    return done;
  };
  const runtime: AppRuntime = {
    queue,
    settings: { writePauseMs: 0, batchWindowMs: 0, drainMs: 0, ...options.settings },
    ownCommits: new Set(),
    ...(options.botLogin === undefined ? {} : { botLogin: options.botLogin }),
  };
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "test-secret",
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: options.retries ? { retryAfterBaseValue: 1 } : { enabled: false },
      throttle: { enabled: false },
    })),
  });
  const load = options.load;
  // Without a server, Probot's default addHandler throws: the app's health endpoint needs one here.
  await probot.load(load ? (app) => load(app, runtime) : tasksyncApp(runtime), {
    cwd: process.cwd(),
    addHandler: () => {},
  });
  return {
    probot,
    runtime,
    jobs,
    async receive(event) {
      await probot.receive(event as never);
      await runtime.queue.onIdle();
    },
    close() {
      const pending = nock.pendingMocks();
      nock.cleanAll();
      nock.enableNetConnect();
      if (pending.length > 0) throw new Error(`${pending.length} HTTP mock(s) never requested:\n${pending.join("\n")}`);
    },
  };
}

/** A job failure a test expects, as GitHub's error says it: the status and the body's message. */
export interface ExpectedFailure {
  status: number;
  message: string;
}

/**
 * Every job the app queued succeeded — or failed exactly as `failures` says, in order — and every
 * mock of `scope` (and of any other scope) was requested. An unexpected request shows up here as
 * a failed job: the network is closed.
 */
export async function expectStrict(
  app: TestApp,
  scope?: nock.Scope,
  expected: { failures?: ExpectedFailure[] } = {},
): Promise<void> {
  const outcomes = await Promise.all(app.jobs.map((job) => job.outcome));
  const failures = outcomes
    .filter((outcome) => outcome !== null)
    .map((error) => ({ status: statusOf(error), message: messageOf(error) }));
  const pending = [...new Set([...(scope?.pendingMocks() ?? []), ...nock.pendingMocks()])];
  expect({ failures, pending }).toEqual({ failures: expected.failures ?? [], pending: [] });
}

interface ExampleSet {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const examples = JSON.parse(
  readFileSync("node_modules/@octokit/webhooks-examples/api.github.com/index.json", "utf8"),
) as ExampleSet[];

/** The first real example payload of an event that satisfies `pick`, deep-copied. */
export function example(
  name: string,
  pick: (payload: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const found = examples.find((e) => e.name === name)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name} example that fits`);
  return structuredClone(found);
}

export const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
export const fromB64 = (text: string): string => Buffer.from(text, "base64").toString("utf8");

const ALL_WRITE = { contents: "write", issues: "write", checks: "write", pull_requests: "write" };

/** Installation 1's access token, with the permissions GitHub reports for it. */
export function mockToken(scope: nock.Scope, permissions: Record<string, string> = ALL_WRITE): nock.Scope {
  return scope.post("/app/installations/1/access_tokens").reply(201, { token: "test", permissions });
}

/** No `.github/tasksync.yml` in the repository nor in the owner's `.github` repository: defaults. */
export function mockNoConfig(scope: nock.Scope, owner: string, repo: string): nock.Scope {
  return scope
    .get(`/repos/${owner}/${repo}/contents/.github%2Ftasksync.yml`)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${owner}/.github/contents/.github%2Ftasksync.yml`)
    .reply(404, { message: "Not Found" });
}
