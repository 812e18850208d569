/**
 * The app as `npm start` runs it — `node bin/tasksync-server.js` (Probot's `run` on dist/src/index.js) in its own process, Probot's
 * own server, throttling and retries — pointed at the local GitHub emulator through GHE_HOST /
 * GHE_PROTOCOL, with webhooks POSTed over HTTP and signed with the webhook secret.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Probot } from "probot";
import { parse } from "yaml";
import { createRuntime, tasksyncApp } from "../../src/index.js";
import { GATES_CHECK_NAME } from "../../src/gates/gate-model.js";
import { sign, startEmulator, type Emulator, type WebhookEvent } from "../github-emulator/index.js";
import { findTaskIssue, issuesOf, type EmulatedRepo } from "../support/issues-by-marker.js";
import { ensureBuilt, healthy, ROOT, startApp, waitFor as waitForApp, type AppProcess } from "./server-process.js";

const SECRET = "server-e2e-secret";
const OWNER = "octo-org";
const REPO = "sharing-app";
const QUIET_REPO = "quiet-app";
const PATH = "specs/003-sharing/tasks.md";
const LIST = `# Tasks: Sharing

## Phase 1: Setup

- [ ] T001 Create the sharing module in \`src/sharing/index.ts\`

## Phase 2: User Story 1 - Share a link (Priority: P1)

- [ ] T002 [US1] Share endpoint in \`src/sharing/routes.ts\`
- [ ] T003 [US1] Share button in \`web/share-button.tsx\` (depends on T002)
`;

let emulator: Emulator;
let app: AppProcess;

const waitFor = <T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> => waitForApp(app, what, probe, timeoutMs);

/** A repository of OWNER's on the emulator (read when called: the emulator starts in beforeAll). */
const emulated = (repo: string): EmulatedRepo => ({ emulator, owner: OWNER, repo });

function latestGate(sha: string) {
  return emulator
    .checkRuns(OWNER, REPO, sha)
    .filter((r) => r.name === GATES_CHECK_NAME && r.status === "completed")
    .sort((a, b) => b.id - a.id)[0];
}

/** Waits until every webhook is delivered and the app's queue (as /healthz reports it) stays empty. */
async function appIdle(): Promise<void> {
  await emulator.webhooksDelivered();
  let quietPolls = 0;
  await waitFor(
    "the app's queue to empty",
    async () => {
      const health = (await (await fetch(`${app.url}/healthz`)).json()) as { queued: number };
      quietPolls = health.queued === 0 ? quietPolls + 1 : 0;
      return quietPolls >= 3;
    },
    60_000,
  );
}

/** Runs `action` with webhooks captured instead of delivered; returns what GitHub would have sent. */
async function captureWebhooks(action: () => void): Promise<WebhookEvent[]> {
  const captured: WebhookEvent[] = [];
  emulator.webhooks.configure({ onWebhook: (event) => void captured.push(event) });
  try {
    action();
    await emulator.webhooksDelivered();
  } finally {
    emulator.webhooks.configure({ onWebhook: undefined });
  }
  return captured;
}

let controls = 0;
/**
 * Delivers, through the emulator and correctly signed, a webhook the app answers without a single
 * request (a push to a branch that is not the default one), checks the app answered it 200, and
 * waits for the app's queue to empty. Everything POSTed before it has then been dealt with: had a
 * rejected delivery been let in, its work would already show in the emulator's request log.
 */
async function controlDelivery(): Promise<void> {
  controls += 1;
  const branch = `control-${controls}`;
  emulator.commit({ owner: OWNER, repo: QUIET_REPO, branch, files: { "control.md": `control ${controls}\n` } });
  await emulator.webhooksDelivered();
  const delivered = emulator
    .deliveries()
    .filter((d) => d.event === "push" && d.payload["ref"] === `refs/heads/${branch}`);
  expect(delivered.map((d) => d.status)).toEqual([200]);
  await appIdle();
}

function postWebhook(event: { id: string; name: string }, body: string, signature: string | null): Promise<Response> {
  return fetch(`${app.url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event.name,
      "x-github-delivery": event.id,
      ...(signature === null ? {} : { "x-hub-signature-256": signature }),
    },
    body,
  });
}

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ webhookSecret: SECRET });
  app = await startApp(new URL(emulator.url).port, SECRET);
  await healthy(app);
  emulator.setWebhookTarget({ url: `${app.url}/api/github/webhooks`, secret: SECRET });
  emulator.createRepo({ owner: OWNER, name: REPO, files: { "README.md": "# sharing\n" } });
  emulator.createRepo({ owner: OWNER, name: QUIET_REPO, files: { "README.md": "# quiet\n" } });
  emulator.install({ account: OWNER, repos: [REPO, QUIET_REPO] });
  await emulator.webhooksDelivered();
}, 240_000);

afterAll(async () => {
  if (app?.child.exitCode === null) {
    const exited = new Promise((r) => app.child.once("exit", r));
    app.child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
    clearTimeout(timer);
    if (app.child.exitCode === null) app.child.kill("SIGKILL");
  }
  if (app) rmSync(app.cwd, { recursive: true, force: true });
  await emulator?.stop();
});

describe("what a team installs", () => {
  it("app.yml subscribes to exactly the events the app handles and asks for only what it uses", async () => {
    const manifest = parse(readFileSync(join(ROOT, "app.yml"), "utf8")) as {
      default_events: string[];
      default_permissions: Record<string, string>;
    };
    const probot = new Probot({ appId: 1, privateKey: "unused: nothing is sent", secret: SECRET });
    const handled = new Set<string>();
    const on = probot.on.bind(probot);
    probot.on = ((names: string | string[], callback: never) => {
      for (const name of [names].flat()) handled.add(name.split(".")[0] ?? name);
      return on(names as never, callback);
    }) as typeof probot.on;
    await probot.load(tasksyncApp(createRuntime({})), { cwd: ROOT, addHandler: () => {} });
    // installation events reach every app without a subscription, and GitHub refuses a manifest that lists them
    const delivered = new Set(["installation", "installation_repositories"]);
    expect([...handled].filter((e) => !delivered.has(e)).sort()).toEqual([...manifest.default_events].sort());
    expect([...delivered].every((e) => handled.has(e))).toBe(true);
    expect(manifest.default_permissions).toEqual({
      issues: "write",
      contents: "write",
      checks: "write",
      pull_requests: "write",
      metadata: "read",
      organization_projects: "write",
    });
  });

  it(".env.example documents every variable the server reads", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const runtimeVars = [
      ...readFileSync(join(ROOT, "src/app/runtime.ts"), "utf8").matchAll(/"(TASKSYNC_[A-Z_]+)"/g),
    ].map((m) => m[1]);
    expect(runtimeVars.length).toBeGreaterThan(0);
    const probotVars = [
      "APP_ID",
      "PRIVATE_KEY",
      "PRIVATE_KEY_PATH",
      "WEBHOOK_SECRET",
      "WEBHOOK_PROXY_URL",
      "GHE_HOST",
      "GHE_PROTOCOL",
      "LOG_LEVEL",
      "LOG_FORMAT",
      "PORT",
      "HOST",
    ];
    expect([...probotVars, ...runtimeVars].filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe("the server npm start runs", () => {
  it("answers the health check and took the installation webhook", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", queued: expect.any(Number) });
    expect(emulator.deliveries().map((d) => `${d.event}.${d.action ?? ""} ${d.status}`)).toContain(
      "installation.created 200",
    );
    expect(app.logs.some((l) => l["msg"] === "tasksync loaded")).toBe(true);
  });

  it("rejects a webhook whose signature is wrong, or missing, and changes nothing", async () => {
    await appIdle(); // the installation's first sync is done
    const [push] = await captureWebhooks(() =>
      emulator.commit({ owner: OWNER, repo: QUIET_REPO, files: { [PATH]: LIST } }),
    );
    expect(push?.name).toBe("push");
    const event = push as WebhookEvent;
    const body = JSON.stringify(event.payload);
    emulator.requests.reset();

    const forged = await postWebhook(event, body, sign("not-the-secret", body));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("signature does not match");
    const unsigned = await postWebhook(event, body, null);
    expect(unsigned.status).toBe(400);
    const tampered = await postWebhook(event, body.replace(QUIET_REPO, "other-app"), sign(SECRET, body));
    expect(tampered.status).toBe(400);

    await controlDelivery();
    expect(emulator.requests.counts().total).toBe(0);
    expect(issuesOf(emulated(QUIET_REPO))).toHaveLength(0);
  });

  it("rejects a malformed body", async () => {
    const event = { id: "11111111-2222-3333-4444-555555555555", name: "push" };
    const body = '{"ref": "refs/heads/main", ';
    emulator.requests.reset();
    const res = await postWebhook(event, body, sign(SECRET, body));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Invalid JSON");
    const wrongType = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    await controlDelivery();
    expect(emulator.requests.counts().total).toBe(0);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("a signed webhook with a malformed payload: 400 naming what is missing, nothing done", async () => {
    emulator.requests.reset();
    const push = { id: "22222222-3333-4444-5555-666666666666", name: "push" };
    const pushBody = JSON.stringify({ ref: "refs/heads/main", after: "1".repeat(40) }); // no repository
    const pushRes = await postWebhook(push, pushBody, sign(SECRET, pushBody));
    expect(pushRes.status).toBe(400);
    expect(await pushRes.text()).toContain("repository.name");
    const closed = { id: "33333333-4444-5555-6666-777777777777", name: "issues" };
    const issueBody = JSON.stringify({
      action: "closed",
      issue: { number: 1, body: '<!-- tasksync:v1 {"kind":"task","path":"a.md","id":"T001","text":"x"} -->' },
      repository: { name: QUIET_REPO },
    });
    const issueRes = await postWebhook(closed, issueBody, sign(SECRET, issueBody));
    expect(issueRes.status).toBe(400);
    expect(await issueRes.text()).toMatch(/issue\.user\.login.*repository\.full_name/);
    await controlDelivery();
    expect(emulator.requests.counts().total).toBe(0);
  });

  it("push → issues → close → tick commit → PR gate fails → blocker closes → gate passes", async () => {
    // push: the task list becomes a tracking issue, 2 phase issues and 3 task issues
    emulator.commit({ owner: OWNER, repo: REPO, files: { [PATH]: LIST }, message: "Add the sharing task list" });
    await waitFor(
      "the first sync",
      () =>
        issuesOf(emulated(REPO)).length === 6 &&
        emulator.blockedBy(OWNER, REPO, findTaskIssue(emulated(REPO), "T003", PATH)?.number ?? 0).length === 1,
      150_000,
    );
    const t002 = findTaskIssue(emulated(REPO), "T002", PATH);
    const t003 = findTaskIssue(emulated(REPO), "T003", PATH);
    expect(emulator.blockedBy(OWNER, REPO, t003!.number).map((i) => i.number)).toEqual([t002!.number]);
    expect(
      emulator
        .deliveries()
        .filter((d) => d.event === "push")
        .every((d) => d.status === 200),
    ).toBe(true);

    // logs carry the delivery id, the repository, the task list and its feature
    const pushDelivery = emulator
      .deliveries()
      .find((d) => d.event === "push" && (d.payload["repository"] as { name: string }).name === REPO);
    const planned = app.logs.find((l) => l["msg"] === "planned" && l["delivery"] === pushDelivery?.id);
    expect(planned).toMatchObject({ repo: `${OWNER}/${REPO}`, file: PATH, feature: "003-sharing" });

    // close: a person closes T001's issue; tasksync commits the tick
    const t001 = findTaskIssue(emulated(REPO), "T001", PATH);
    const headBefore = emulator.branchSha(OWNER, REPO);
    emulator.closeIssue(OWNER, REPO, t001!.number, "completed", "mona");
    const ticked = await waitFor(
      "the tick commit",
      () => {
        const text = emulator.fileAt(OWNER, REPO, "main", PATH);
        return emulator.branchSha(OWNER, REPO) !== headBefore && text?.includes("- [x] T001 ") ? text : undefined;
      },
      60_000,
    );
    expect(ticked).toBe(LIST.replace("- [ ] T001 ", "- [x] T001 "));
    expect(emulator.commits(OWNER, REPO)[0]).toMatchObject({
      author: "tasksync[bot]",
      message: expect.stringContaining("T001"),
    });

    // PR gate: a pull request ticks T003 while its blocker T002 is open
    const pull = emulator.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "share-button",
      title: "Share button",
      author: "mona",
      files: { [PATH]: ticked.replace("- [ ] T003 ", "- [x] T003 "), "web/share-button.tsx": "export {};\n" },
    });
    const headSha = emulator.branchSha(OWNER, REPO, "share-button") ?? "";
    const failed = await waitFor("the failing gates check", () => latestGate(headSha), 60_000);
    expect(failed.conclusion).toBe("failure");
    expect(failed.summary).toMatch(/T003\]\([^)]*\/issues\/\d+\) waits for \[T002\]/);
    expect(pull).toBeGreaterThan(0);

    // the blocker closes: the gates run again, without a push, and pass
    emulator.closeIssue(OWNER, REPO, t002!.number, "completed", "mona");
    const passed = await waitFor(
      "the passing gates check",
      () => (latestGate(headSha)?.conclusion === "success" ? latestGate(headSha) : undefined),
      60_000,
    );
    expect(passed.id).toBeGreaterThan(failed.id);
    expect(
      app.logs.some(
        (l) => l["job"] === "gates" && typeof l["delivery"] === "string" && l["repo"] === `${OWNER}/${REPO}`,
      ),
    ).toBe(true);
  }, 300_000);
});
