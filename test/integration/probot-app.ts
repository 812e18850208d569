/**
 * The real app inside Probot for handler tests: no server, strict HTTP mocks (nock) around it.
 * The network is closed, so a request no mock answers fails its job: `failures` collects those
 * errors, and a test that expects none fails on any unexpected request.
 */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import nock from "nock";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { AppRuntime } from "../../src/app/runtime.js";
import { tasksyncApp } from "../../src/index.js";
import { MemoryQueue } from "../../src/queue/memory-queue.js";

export const API = "https://api.github.com";

let key: string | undefined;
function privateKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return key;
}

export interface TestApp {
  probot: Probot;
  runtime: AppRuntime;
  /** Errors of the jobs the app queued. */
  failures: unknown[];
  /** Delivers an event and waits for the jobs it queued. */
  receive(event: { id: string; name: string; payload: unknown }): Promise<void>;
  close(): void;
}

export async function startTestApp(settings: Partial<AppRuntime["settings"]> = {}): Promise<TestApp> {
  nock.disableNetConnect();
  const queue = new MemoryQueue();
  const failures: unknown[] = [];
  const push = queue.push.bind(queue);
  queue.push = (repoKey, job) => {
    const done = push(repoKey, job);
    done.catch((error: unknown) => failures.push(error));
    return done;
  };
  const runtime: AppRuntime = { queue, settings: { writePauseMs: 0, batchWindowMs: 0, drainMs: 0, ...settings }, ownCommits: new Set() };
  const probot = new Probot({
    appId: 1,
    privateKey: privateKey(),
    secret: "test-secret",
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(tasksyncApp(runtime), { cwd: process.cwd(), addHandler: () => {} });
  return {
    probot,
    runtime,
    failures,
    async receive(event) {
      await probot.receive(event as never);
      await runtime.queue.onIdle();
    },
    close() {
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

interface ExampleSet {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const examples = JSON.parse(readFileSync("node_modules/@octokit/webhooks-examples/api.github.com/index.json", "utf8")) as ExampleSet[];

/** The first real example payload of an event that satisfies `pick`, deep-copied. */
export function example(name: string, pick: (payload: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const found = examples.find((e) => e.name === name)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name} example that fits`);
  return structuredClone(found);
}

export const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

export function mockToken(scope: nock.Scope): nock.Scope {
  return scope
    .post("/app/installations/1/access_tokens")
    .reply(201, { token: "test", permissions: { contents: "write", issues: "write", checks: "write", pull_requests: "write" } });
}

/** No `.github/tasksync.yml` in the repository nor in the owner's `.github` repository: defaults. */
export function mockNoConfig(scope: nock.Scope, owner: string, repo: string): nock.Scope {
  return scope
    .get(`/repos/${owner}/${repo}/contents/.github%2Ftasksync.yml`)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${owner}/.github/contents/.github%2Ftasksync.yml`)
    .reply(404, { message: "Not Found" });
}
