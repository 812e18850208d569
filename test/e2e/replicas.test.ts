/**
 * Two replicas of the app (real processes, one Redis) behind a round-robin spreader, against the
 * emulator: 200 events (pushes, closes, reopens, pull requests) over 20 repositories, then a
 * replica killed with SIGKILL in the middle of a long sync.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { parseMarker } from "../../src/identity/marker.js";
import { startEmulator, type Emulator } from "../github-emulator/index.js";
import { findTaskIssue, issuesOf } from "../support/issues-by-marker.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import {
  jobSpans,
  overlaps,
  settle,
  Spreader,
  startReplica,
  stopReplica,
  waitFor,
  type Replica,
} from "./replicas-harness.js";

const OWNER = "octo-org";
const PATH = "specs/001-app/tasks.md";
const REPOS = Array.from({ length: 20 }, (_, i) => `app-${String(i + 1).padStart(2, "0")}`);
const BIG = "big-app";
const BIG_2 = "big-app-2";
/** Pacing (Probot's write lanes, tasksync's pause between writes): small, so the test stays short. */
const PACE = {
  E2E_WRITE_PACE_MS: "0",
  TASKSYNC_WRITE_PAUSE_MS: "0",
  TASKSYNC_JOB_LEASE_MS: "2000",
  TASKSYNC_CONCURRENCY: "4",
  TASKSYNC_BATCH_WINDOW_MS: "300",
};

const list = (extra: string[] = []) => `# Tasks: App

## Phase 1: Setup

- [ ] T001 Create the module in \`src/index.ts\`
- [ ] T002 Add the config in \`src/config.ts\`

## Phase 2: User Story 1 - Use it (Priority: P1)

- [ ] T003 [US1] Endpoint in \`src/routes.ts\` (depends on T002)
- [ ] T004 [US1] Page in \`web/page.tsx\`
${extra.join("\n")}
`;

let redis: RedisServer;
let emulator: Emulator;
let replicas: Replica[] = [];
let spreader: Spreader;
const where = (repo: string) => ({ emulator, owner: OWNER, repo });
const tasks = Array.from(
  { length: 60 },
  (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")} Task ${i + 1} in \`src/t${i + 1}.ts\``,
);
const bigList = `# Tasks: Big\n\n## Phase 1: Setup\n\n${tasks.join("\n")}\n`;

/** The ids of the task issues of a repository (one entry per issue). */
const taskIds = (repo: string): string[] =>
  issuesOf(where(repo)).flatMap((issue) => {
    const marker = parseMarker(issue.body);
    return marker?.kind === "task" ? [marker.id] : [];
  });

function issueOf(repo: string, id: string): number {
  const issue = findTaskIssue(where(repo), id, PATH);
  if (!issue) throw new Error(`no issue for ${id} in ${repo}`);
  return issue.number;
}

/** A person edits the list as it is on the branch now (so nobody's tick is overwritten). */
function editList(repo: string, edit: (text: string) => string, message: string): void {
  const text = emulator.fileAt(OWNER, repo, "main", PATH) ?? "";
  emulator.commit({ owner: OWNER, repo, files: { [PATH]: edit(text) }, message, author: "mona" });
}

beforeAll(async () => {
  redis = await startRedis();
  emulator = await startEmulator({ webhookSecret: "unused: the spreader signs" });
  replicas = [await startReplica("a", emulator, redis.url, PACE), await startReplica("b", emulator, redis.url, PACE)];
  spreader = new Spreader(() => replicas);
  emulator.setWebhookTarget({ onWebhook: spreader.deliver });
  for (const repo of [...REPOS, BIG, BIG_2])
    emulator.createRepo({
      owner: OWNER,
      name: repo,
      files: repo.startsWith(BIG) ? { "README.md": "# big\n" } : { [PATH]: list() },
    });
  emulator.install({ account: OWNER, repos: [...REPOS, BIG, BIG_2] });
  await settle(emulator, () => replicas);
}, 180_000);

afterAll(async () => {
  await Promise.all(replicas.map(stopReplica));
  await emulator?.stop();
  await redis?.stop();
});

describe("two replicas sharing one Redis", () => {
  it("200 events over 20 repositories: no two jobs of a repository overlap, no duplicate issue, no lost tick", async () => {
    let events = 0;
    // a burst: per repository 3 pushes, 3 closes and 2 pull requests, interleaved across repositories
    for (const repo of REPOS) {
      editList(
        repo,
        (t) =>
          t.replace(
            "- [ ] T004 [US1] Page in `web/page.tsx`\n",
            "- [ ] T004 [US1] Page in `web/page.tsx`\n- [ ] T005 [US1] Styles in `web/page.css`\n",
          ),
        "Add T005",
      );
      emulator.closeIssue(OWNER, repo, issueOf(repo, "T001"), "completed", "mona");
      emulator.openPullRequest({
        owner: OWNER,
        repo,
        head: "feature-1",
        title: "Feature 1",
        author: "mona",
        files: { "src/index.ts": "export {};\n" },
        body: "Closes T001",
      });
      emulator.closeIssue(OWNER, repo, issueOf(repo, "T002"), "completed", "mona");
      editList(
        repo,
        (t) =>
          t
            .replace("- [ ] T004 ", "- [x] T004 ")
            .replace(
              "- [ ] T005 [US1] Styles in `web/page.css`\n",
              "- [ ] T005 [US1] Styles in `web/page.css`\n- [ ] T006 [US1] Copy in `web/copy.ts`\n",
            ),
        "Tick T004, add T006",
      );
      emulator.closeIssue(OWNER, repo, issueOf(repo, "T003"), "completed", "mona");
      emulator.openPullRequest({
        owner: OWNER,
        repo,
        head: "feature-2",
        title: "Feature 2",
        author: "mona",
        files: { "src/config.ts": "export {};\n" },
      });
      editList(repo, (t) => `${t.trimEnd()}\n- [ ] T007 [US1] Docs in \`docs/use.md\`\n`, "Add T007");
      events += 8;
    }
    await settle(emulator, () => replicas);
    // then per repository 2 reopens: T001 (a person's close) and T004 (closed by tasksync after the tick)
    for (const repo of REPOS) {
      emulator.reopenIssue(OWNER, repo, issueOf(repo, "T001"), "mona");
      emulator.reopenIssue(OWNER, repo, issueOf(repo, "T004"), "mona");
      events += 2;
    }
    await settle(emulator, () => replicas);
    expect(events).toBe(200);

    expect(spreader.statuses.every((s) => s === 200)).toBe(true);
    const { spans, unfinished } = jobSpans(replicas);
    expect(unfinished).toEqual([]);
    expect(overlaps(spans)).toEqual([]);
    expect(new Set(spans.map((s) => s.replica))).toEqual(new Set(["a", "b"]));
    expect(spans.length).toBeGreaterThan(REPOS.length * 3);

    const expected = { T001: false, T002: true, T003: true, T004: false, T005: false, T006: false, T007: false };
    for (const repo of REPOS) {
      const text = emulator.fileAt(OWNER, repo, "main", PATH) ?? "";
      const tasks = issuesOf(where(repo)).flatMap((issue) => {
        const marker = parseMarker(issue.body);
        return marker?.kind === "task" && !marker.removed ? [{ id: marker.id, state: issue.state }] : [];
      });
      // one issue per task, no more
      expect({ repo, ids: tasks.map((t) => t.id).sort() }).toEqual({ repo, ids: Object.keys(expected) });
      for (const [id, done] of Object.entries(expected)) {
        expect({ repo, id, line: text.includes(`- [${done ? "x" : " "}] ${id} `) }).toEqual({ repo, id, line: true });
        expect({ repo, id, state: tasks.find((t) => t.id === id)?.state }).toEqual({
          repo,
          id,
          state: done ? "closed" : "open",
        });
      }
    }
    const health = (await (await fetch(`${replicas[1]!.url}/healthz`)).json()) as { engine: string; failed: unknown[] };
    expect(health).toMatchObject({ engine: "redis", failed: [] });
  }, 240_000);

  it("Probot's throttling keeps its state in the same Redis", async () => {
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys("b_octokit-*");
      expect(keys.some((k) => k.startsWith("b_octokit-write"))).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it("a replica killed with SIGKILL in the middle of a long sync: the other finishes it, without duplicates", async () => {
    const [a, b] = replicas as [Replica, Replica];
    spreader.only = a; // the push goes to a
    emulator.setLatency(40); // every request takes a while: the sync is long
    emulator.commit({ owner: OWNER, repo: BIG, files: { [PATH]: bigList }, message: "A long list", author: "mona" });
    await waitFor("a to be midway through the sync", () => issuesOf(where(BIG)).length >= 10, 60_000);
    a.child.kill("SIGKILL");
    expect(a.logs.some((l) => l["msg"] === "job started" && l["repo"] === `${OWNER}/${BIG}`)).toBe(true);
    spreader.only = undefined;
    expect(issuesOf(where(BIG)).length).toBeLessThan(62);
    await waitFor(
      "b to finish the sync",
      () => {
        const ids = issuesOf(where(BIG)).flatMap((i) => (parseMarker(i.body)?.kind === "task" ? [i] : []));
        return ids.length >= 60 && b.logs.some((l) => l["msg"] === "job ended" && l["repo"] === `${OWNER}/${BIG}`);
      },
      120_000,
    );
    emulator.setLatency(0);
    await settle(emulator, () => [b]);
    const ids = taskIds(BIG);
    expect(ids.length).toBe(60);
    expect(new Set(ids).size).toBe(60);
    expect(b.logs.some((l) => l["msg"] === "job started" && l["repo"] === `${OWNER}/${BIG}`)).toBe(true);
  }, 240_000);

  it("a replica stopped with SIGTERM in the middle of a long sync hands it back and exits; another finishes it", async () => {
    // two fresh replicas with a long lease, so only a hand-back can move the job quickly; b stops first (idle)
    const slow = { ...PACE, TASKSYNC_DRAIN_MS: "300", TASKSYNC_JOB_LEASE_MS: "60000" };
    replicas.push(
      await startReplica("c", emulator, redis.url, slow),
      await startReplica("d", emulator, redis.url, slow),
    );
    const b = replicas[1] as Replica;
    const bExited = new Promise<number | null>((r) => b.child.once("exit", (code) => r(code)));
    b.child.kill("SIGTERM");
    expect(await bExited).toBe(0);
    emulator.setLatency(40);
    emulator.commit({
      owner: OWNER,
      repo: BIG_2,
      files: { [PATH]: bigList },
      message: "Another long list",
      author: "mona",
    });
    const startedBy = (r: Replica) =>
      r.logs.some((l) => l["msg"] === "job started" && l["repo"] === `${OWNER}/${BIG_2}`);
    const live = replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
    const holder = await waitFor(
      "a replica to be midway through the sync",
      () => issuesOf(where(BIG_2)).length >= 10 && live.find(startedBy),
      60_000,
    );
    const other = live.find((r) => r !== holder) as Replica;
    const exited = new Promise<number | null>((r) => holder.child.once("exit", (code) => r(code)));
    const stoppedAt = Date.now();
    holder.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(
      holder.logs.some(
        (l) => l["msg"] === "stopping: handing the job back to the other replicas" && l["repo"] === `${OWNER}/${BIG_2}`,
      ),
    ).toBe(true);
    await waitFor("the other replica to take the job", () => startedBy(other), 30_000);
    expect(Date.now() - stoppedAt).toBeLessThan(30_000); // handed back: no waiting for the 60 s lease
    await waitFor(
      "the sync to finish",
      () =>
        taskIds(BIG_2).length >= 60 &&
        other.logs.some((l) => l["msg"] === "job ended" && l["repo"] === `${OWNER}/${BIG_2}`),
      120_000,
    );
    emulator.setLatency(0);
    await settle(emulator, () => [other]);
    expect(taskIds(BIG_2).length).toBe(60);
    expect(new Set(taskIds(BIG_2)).size).toBe(60);
  }, 240_000);
});
