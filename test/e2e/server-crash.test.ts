/**
 * A killed server loses nothing: the real server process (`probot run`, its own throttling and
 * retries) is killed with SIGKILL while ten closes wait in its debounce, then started again. The
 * sweep at start-up finds the ten closed issues against the recorded base, and all ten ticks reach
 * the file in one commit.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startEmulator, type Emulator } from "../github-emulator/index.js";
import { findTaskIssue, issuesOf, taskIssue, type EmulatedRepo } from "../support/issues-by-marker.js";
import { ensureBuilt, healthy, startApp, waitFor, type AppProcess } from "./server-process.js";
import { parseMarker } from "../../src/identity/marker.js";

const SECRET = "server-crash-secret";
const OWNER = "octo-org";
const REPO = "crash-app";
const PATH = "specs/004-crash/tasks.md";
const IDS = Array.from({ length: 10 }, (_, i) => `T${String(i + 1).padStart(3, "0")}`);
const LIST = `# Tasks: Crash\n\n${IDS.map((id) => `- [ ] ${id} Task ${id}`).join("\n")}\n`;
/** Long enough that the closes are all waiting when the process is killed. */
const DEBOUNCE_MS = "20000";

let emulator: Emulator;
const apps: AppProcess[] = [];
const where = (): EmulatedRepo => ({ emulator, owner: OWNER, repo: REPO });
const fileOnMain = (): string => emulator.fileAt(OWNER, REPO, "main", PATH) ?? "";

async function start(): Promise<AppProcess> {
  const app = await startApp(new URL(emulator.url).port, SECRET, { TASKSYNC_BATCH_WINDOW_MS: DEBOUNCE_MS });
  apps.push(app);
  await healthy(app);
  emulator.setWebhookTarget({ url: `${app.url}/api/github/webhooks`, secret: SECRET });
  return app;
}

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ webhookSecret: SECRET });
}, 240_000);

afterAll(async () => {
  for (const app of apps) {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
    rmSync(app.cwd, { recursive: true, force: true });
  }
  await emulator?.stop();
});

describe("the server killed inside the debounce", () => {
  it("10 closes, SIGKILL, restart: all 10 ticks reach the file, no duplicate issue", async () => {
    emulator.createRepo({ owner: OWNER, name: REPO, files: { [PATH]: LIST } });
    const first = await start();
    emulator.install({ account: OWNER, repos: [REPO] });
    await waitFor(
      first,
      "the first sync",
      () =>
        IDS.every((id) => findTaskIssue(where(), id, PATH)?.parent != null) &&
        first.logs.some((l) => l["msg"] === "reconcile done"),
      240_000,
    );
    const commits = emulator.commits(OWNER, REPO).length;

    for (const id of IDS) emulator.closeIssue(OWNER, REPO, taskIssue(where(), id, PATH).number, "completed", "mona");
    await emulator.webhooksDelivered();
    expect(
      emulator
        .deliveries()
        .filter((d) => d.event === "issues" && d.action === "closed")
        .map((d) => d.status),
    ).toEqual(IDS.map(() => 200));
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    expect(fileOnMain()).toBe(LIST); // the ticks were waiting, and died with the process

    const second = await start();
    await waitFor(
      second,
      "the ticks after the restart",
      () => fileOnMain() === LIST.replace(/- \[ \]/g, "- [x]"),
      120_000,
    );
    await waitFor(
      second,
      "the reconcile at the new commit",
      () => second.logs.some((l) => l["msg"] === "reconcile done"),
      60_000,
    );

    expect(emulator.commits(OWNER, REPO)).toHaveLength(commits + 1);
    expect(emulator.commits(OWNER, REPO)[0]?.message).toContain("Tick T001");
    const keys = issuesOf(where()).flatMap((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "task" ? [m.id] : [];
    });
    expect(keys.sort()).toEqual(IDS); // one issue per task
    expect(IDS.every((id) => taskIssue(where(), id, PATH).state === "closed")).toBe(true);
    expect(second.logs.some((l) => l["msg"] === "start-up sweep queued")).toBe(true);
  }, 420_000);
});
