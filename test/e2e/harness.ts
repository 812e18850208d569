/**
 * End-to-end harness: the local GitHub emulator and the real tasksync app, talking over real
 * HTTP with signed webhooks — the app's code unchanged, only pointed at the emulator.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createRuntime, tasksyncApp } from "../../src/index.js";
import type { AppRuntime } from "../../src/app/runtime.js";
import { startEmulator, type Emulator } from "../github-emulator/index.js";
import { conformanceProblems } from "../github-emulator/openapi-conformance.js";
import { testPrivateKey } from "../support/test-key.js";

export const OWNER = "octo-org";
export const REPO = "photo-app";
const SECRET = "e2e-webhook-secret";

export interface HarnessOptions {
  /** Files in the repository before the app is installed. */
  files?: Record<string, string>;
  /** Whether the repository's owner is a person (default) or an organisation. */
  ownerType?: "User" | "Organization";
  /** Install the app on the repository at start (sends installation.created). Default true. */
  install?: boolean;
  /** Write-back batch window, in ms (default 200). */
  batchWindowMs?: number;
  /** Emulator request/webhook log lines (default: silent). */
  log?: (line: string) => void;
  /** Log level of the app (default "silent"; "info" to watch it). */
  logLevel?: string;
  /** On stop, check every request against GitHub's REST description (default true). */
  checkRequests?: boolean;
  /** The app's logger (the demo's readable one); overrides logLevel. */
  appLog?: Logger;
  /** Probot's plugin-retry on, as in production (default off), with short pauses. */
  retries?: boolean;
  /** First pause before a reconcile that failed on GitHub's side runs again (default 200 ms). */
  retryBaseMs?: number;
  /** The installation's permissions (default: the emulator's, which has no organization ones). */
  permissions?: Record<string, "read" | "write" | "admin">;
}

export interface Harness {
  emulator: Emulator;
  runtime: AppRuntime;
  probot: Probot;
  owner: string;
  repo: string;
  installationId: number;
  /** Waits until every webhook is delivered and the app's queue is idle, repeatedly, until quiet. */
  settle(): Promise<void>;
  /** Pushes files to the default branch (as a person would) and settles. */
  push(files: Record<string, string | null>, message?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // The content budget is not what these tests wait for (test/e2e/ghes-content-limits.test.ts is).
  const runtime = createRuntime({
    TASKSYNC_BATCH_WINDOW_MS: String(options.batchWindowMs ?? 200),
    TASKSYNC_CONTENT_PER_MINUTE: "100000",
    TASKSYNC_CONTENT_PER_HOUR: "100000",
  });
  runtime.settings.retryBaseMs = options.retryBaseMs ?? 200;
  const emulator = await startEmulator({ webhookSecret: SECRET, ...(options.log ? { log: options.log } : {}) });
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: SECRET,
    baseUrl: emulator.url,
    log: options.appLog ?? pino({ level: options.logLevel ?? "silent" }),
    Octokit: ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
      ...instanceOptions,
      retry: options.retries ? { retryAfterBaseValue: 10 } : { enabled: false },
      throttle: { enabled: false },
    })),
  });
  const middleware = await createNodeMiddleware(tasksyncApp(runtime), { probot });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  emulator.setWebhookTarget({ url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: SECRET });

  emulator.createRepo({
    owner: OWNER,
    name: REPO,
    files: options.files ?? {},
    ...(options.ownerType ? { ownerType: options.ownerType } : {}),
  });
  let installationId = 0;

  const settle = async (): Promise<void> => {
    for (let round = 0; round < 50; round += 1) {
      const before = emulator.deliveries().length;
      await emulator.webhooksDelivered();
      await runtime.queue.onIdle();
      await new Promise((resolve) => setTimeout(resolve, (options.batchWindowMs ?? 200) + 50));
      await emulator.webhooksDelivered();
      if (emulator.deliveries().length === before && runtime.queue.size() === 0) return;
    }
    throw new Error("harness: the app did not settle after 50 rounds");
  };

  if (options.install ?? true) {
    installationId = emulator.install({
      account: OWNER,
      repos: [REPO],
      ...(options.permissions ? { permissions: options.permissions } : {}),
    }).id;
    await settle();
  }

  return {
    emulator,
    runtime,
    probot,
    owner: OWNER,
    repo: REPO,
    get installationId() {
      return installationId;
    },
    settle,
    async push(files, message) {
      const sha = emulator.commit({ owner: OWNER, repo: REPO, files, ...(message ? { message } : {}) });
      await settle();
      return sha;
    },
    async stop() {
      await runtime.queue.onIdle();
      const problems =
        options.checkRequests === false ? [] : conformanceProblems(emulator.requests.history, emulator.state.hostMode);
      await emulator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (problems.length > 0)
        throw new Error(`requests or answers that GitHub's REST description does not allow:\n${problems.join("\n")}`);
    },
  };
}
