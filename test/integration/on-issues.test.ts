/**
 * issues.closed / issues.reopened → write-back, through Probot with real-shaped payloads and
 * strict HTTP mocks: every request the app makes must be expected, and every expected one made.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { statusOf } from "../../src/github/client.js";
import { registerIssuesHandler } from "../../src/handlers/on-issues.js";
import { emptyReport } from "../../src/sync/apply.js";
import type { ReconcileRequest, ReconcileResult } from "../../src/sync/reconcile.js";
import { renderMarker, type Marker } from "../../src/sync/marker.js";
import { tagOf } from "../../src/writeback/comment-once.js";
import { diffOffsets } from "../support/text-diff.js";
import { API, b64, example, expectStrict, fromB64, mockToken as mockAnyToken, startTestApp, type ExpectedFailure, type TestApp, type TestAppOptions } from "./probot-app.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const BRANCH = "master";
const PATH = "specs/001-photo-albums/tasks.md";
const ENCODED_PATH = encodeURIComponent(PATH);
const REPO_API = `/repos/${OWNER}/${REPO}`;

const LIST = [
  "# Tasks: Photo Albums",
  "",
  "## Phase 1: Setup",
  "",
  "- [ ] T001 Create project structure",
  "- [X] T002 [P] Configure linting",
  "- [ ] T003 Define the model",
  "",
].join("\n");

// ---------------------------------------------------------------- payloads

interface Example {
  action: string;
  issue: Record<string, unknown>;
  sender: Record<string, unknown>;
  installation?: { id: number };
  repository: Record<string, unknown>;
}

const reopenedExample = example("issues", (p) => p.action === "reopened" && p.installation !== undefined) as unknown as Example;

const taskMarker = (id: string): Marker => ({ kind: "task", path: PATH, id, text: "abc123" });

interface EventInput {
  action: "closed" | "reopened";
  number: number;
  marker: Marker | null;
  stateReason?: "completed" | "not_planned" | null;
  sender?: { login: string; type: string };
}

/** The real issues.reopened example, adapted: our marker in the body, closed with a state_reason when asked. */
function issuesEvent(input: EventInput) {
  const base = structuredClone(reopenedExample) as Example;
  const closed = input.action === "closed";
  const payload = {
    ...base,
    action: input.action,
    issue: {
      ...base.issue,
      number: input.number,
      body: `Task body\n\n${input.marker ? renderMarker(input.marker) : ""}`,
      state: closed ? "closed" : "open",
      state_reason: closed ? (input.stateReason === undefined ? "completed" : input.stateReason) : "reopened",
      closed_at: closed ? "2025-01-01T00:00:00Z" : null,
    },
    sender: input.sender ? { ...base.sender, ...input.sender } : base.sender,
  };
  return { id: `delivery-${input.action}-${input.number}`, name: "issues" as const, payload: payload as never };
}

// ---------------------------------------------------------------- mocks

/** The token write-back gets: contents, issues and pull requests. */
const mockToken = (scope: nock.Scope): nock.Scope => mockAnyToken(scope, { contents: "write", issues: "write", pull_requests: "write" });

function mockConfig(scope: nock.Scope, yaml = "writeBack:\n  batchWindowSeconds: 0\n"): nock.Scope {
  return scope
    .get(`${REPO_API}/contents/.github%2Ftasksync.yml`)
    .reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
}

function mockFile(scope: nock.Scope, text: string, sha: string, branch = BRANCH): nock.Scope {
  return scope
    .get(`${REPO_API}/contents/${ENCODED_PATH}`)
    .query({ ref: branch })
    .reply(200, { type: "file", encoding: "base64", path: PATH, sha, content: b64(text) });
}

interface PutBody {
  message: string;
  content: string;
  sha: string;
  branch: string;
}

/** A PUT of the task list; its body is captured for the test to inspect. */
function mockPut(scope: nock.Scope, bodies: PutBody[], status: number, answer: Record<string, unknown>): nock.Scope {
  return scope.put(`${REPO_API}/contents/${ENCODED_PATH}`, (body: PutBody) => {
    bodies.push(body);
    return true;
  }).reply(status, answer);
}

/** The tracked issues, listed to learn which version of the list the sync last reconciled. */
function mockRecorded(scope: nock.Scope, recordedSha: string): nock.Scope {
  const tracking = {
    number: 1,
    id: 9001,
    node_id: "I_1",
    title: "001-photo-albums: Photo Albums",
    body: renderMarker({ kind: "tracking", path: PATH, sha: recordedSha }),
    state: "open",
    state_reason: null,
    labels: [{ name: "tasksync" }],
    html_url: `https://github.com/${OWNER}/${REPO}/issues/1`,
  };
  return scope
    .get(`${REPO_API}/issues`)
    .query({ labels: "tasksync", state: "all", per_page: "100", page: "1" })
    .reply(200, [tracking]);
}

// ---------------------------------------------------------------- the app

let app: TestApp;
/** The reconciles the write-back asked for (stubbed: the sync has its own tests; e2e runs the real one). */
let reconciles: ReconcileRequest[];
/** Jobs the test expects to fail, in order (it says which and how). */
let expectedFailures: ExpectedFailure[];
const stubReconcile = async (request: ReconcileRequest): Promise<ReconcileResult> => {
  reconciles.push(request);
  return { plans: [], report: emptyReport(), upToDate: [], reads: 0, writes: 0 };
};

async function startApp(settings: TestAppOptions["settings"] = {}, retries = false): Promise<TestApp> {
  reconciles = [];
  return startTestApp({
    settings,
    retries,
    botLogin: "tasksync[bot]",
    // Only the write-back handler: other features (the gates re-check) also listen to issues.closed,
    // and their requests are their tests' business. The whole app runs in test/e2e/writeback.test.ts.
    load: (probot, runtime) => registerIssuesHandler(probot, runtime, { reconcile: stubReconcile }),
  });
}

const receive = (event: ReturnType<typeof issuesEvent>): Promise<void> => app.receive(event);

beforeEach(async () => {
  expectedFailures = [];
  app = await startApp();
});

afterEach(async () => {
  // an unexpected request fails its job (the network is off): every job must have succeeded or
  // failed as the test said, and every mock been requested
  try {
    await expectStrict(app, undefined, { failures: expectedFailures });
  } finally {
    app.close();
  }
});

describe("issues.closed on a task's issue", () => {
  it("closed as completed: one commit that changes exactly the task's checkbox, then the list is reconciled at it", async () => {
    const bodies: PutBody[] = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-2" }, commit: { sha: "commit-2" } });
    mockRecorded(scope, "blob-1");

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies).toHaveLength(1);
    const put = bodies[0] as PutBody;
    expect(put).toMatchObject({ message: `Tick T003 in ${PATH}`, sha: "blob-1", branch: BRANCH });
    expect(put).not.toHaveProperty("author");
    expect(put).not.toHaveProperty("committer");
    const written = fromB64(put.content);
    expect(diffOffsets(LIST, written)).toHaveLength(1);
    // the file uses [X] for its ticked boxes, so the tick is a capital X too
    expect(written).toContain("- [X] T003 Define the model");
    // the commit is remembered as tasksync's own, and the list is reconciled at it
    expect(app.runtime.ownCommits.has("commit-2")).toBe(true);
    expect(reconciles.map((r) => ({ commitSha: r.commitSha, only: r.only, force: r.force }))).toEqual([
      { commitSha: "commit-2", only: [PATH], force: false },
    ]);
  });

  it("closed as not planned: the checkbox stays (default onNotPlanned: keep), nothing read beyond the config", async () => {
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003"), stateReason: "not_planned" }));

    scope.done();
    expect(app.runtime.ownCommits.size).toBe(0);
  });

  it("closed as not planned with onNotPlanned: tick → ticked", async () => {
    const bodies: PutBody[] = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope, "writeBack:\n  onNotPlanned: tick\n");
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-2" }, commit: { sha: "commit-2" } });
    mockRecorded(scope, "blob-1");

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T001"), stateReason: "not_planned" }));

    scope.done();
    expect(fromB64((bodies[0] as PutBody).content)).toContain("- [X] T001 Create");
  });

  it("a box that already says done (the sync closed the issue because the file was ticked): no write, no comment", async () => {
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");

    await receive(issuesEvent({ action: "closed", number: 11, marker: taskMarker("T002") }));

    scope.done();
    expect(app.runtime.ownCommits.size).toBe(0);
  });

  it("closed by tasksync's own bot: no request at all", async () => {
    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003"), sender: { login: "tasksync[bot]", type: "Bot" } }));
    expect(app.jobs).toEqual([]);
  });

  it.each([
    { name: "a phase issue", marker: { kind: "phase", path: PATH, phase: "1" } as Marker },
    { name: "a tracking issue", marker: { kind: "tracking", path: PATH, sha: "blob-1" } as Marker },
    { name: "an issue without tasksync's marker", marker: null },
    { name: "the issue of a task that left its list", marker: { ...taskMarker("T009"), removed: true } as Marker },
  ])("$name: ignored without a request", async ({ marker }) => {
    await receive(issuesEvent({ action: "closed", number: 5, marker }));
    expect(app.jobs).toEqual([]);
  });

  it("a task no longer in the list: no commit, one comment on its issue", async () => {
    const comments: Array<{ body: string }> = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    scope
      .get(`${REPO_API}/issues/14/comments`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [{ id: 1, body: "Looks done to me" }])
      .post(`${REPO_API}/issues/14/comments`, (body: { body: string }) => {
        comments.push(body);
        return true;
      })
      .reply(201, { id: 2 });

    await receive(issuesEvent({ action: "closed", number: 14, marker: taskMarker("T007") }));

    scope.done();
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(tagOf(`missing ${PATH}#T007`));
    expect(comments[0]?.body).toContain(`tasksync could not tick **T007** in \`${PATH}\`: the task list has no task T007 any more`);
  });

  it("a task no longer in the list, already told: no second comment", async () => {
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    scope
      .get(`${REPO_API}/issues/14/comments`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [{ id: 1, body: `${tagOf(`missing ${PATH}#T007`)}\nalready said` }]);

    await receive(issuesEvent({ action: "closed", number: 14, marker: taskMarker("T007") }));

    scope.done();
  });

  it("a task list that no longer exists: ignored, no comment", async () => {
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    scope.get(`${REPO_API}/contents/${ENCODED_PATH}`).query({ ref: BRANCH }).reply(404, { message: "Not Found" });

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
  });

  it("write-back disabled in the config: nothing but the config read", async () => {
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope, "writeBack:\n  enabled: false\n");

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
  });
});

describe("issues.reopened on a task's issue", () => {
  it("unticks the task, keeping every other byte", async () => {
    const bodies: PutBody[] = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-2" }, commit: { sha: "commit-2" } });
    mockRecorded(scope, "blob-1");

    await receive(issuesEvent({ action: "reopened", number: 11, marker: taskMarker("T002") }));

    scope.done();
    const put = bodies[0] as PutBody;
    expect(put.message).toBe(`Untick T002 in ${PATH}`);
    expect(fromB64(put.content)).toBe(LIST.replace("- [X] T002", "- [ ] T002"));
  });
});

describe("batching", () => {
  it("issues closed within the window become one commit naming every task", async () => {
    app.close();
    app = await startApp({ batchWindowMs: 150 });
    const bodies: PutBody[] = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-2" }, commit: { sha: "commit-2" } });
    mockRecorded(scope, "blob-1");

    await app.probot.receive(issuesEvent({ action: "closed", number: 13, marker: taskMarker("T003") }));
    await app.probot.receive(issuesEvent({ action: "closed", number: 10, marker: taskMarker("T001") }));
    await app.probot.receive(issuesEvent({ action: "reopened", number: 11, marker: taskMarker("T002") }));
    await app.runtime.queue.onIdle();

    scope.done();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.message).toBe(`Tick T001, T003 and untick T002 in ${PATH}`);
    // the file's ticked boxes use X: the ticks do too
    expect(fromB64((bodies[0] as PutBody).content)).toBe(
      LIST.replace("- [ ] T001", "- [X] T001").replace("- [X] T002", "- [ ] T002").replace("- [ ] T003", "- [X] T003"),
    );
  });
});

describe("concurrency and refusals", () => {
  it("a stale sha (409): re-reads, re-applies on the new text and retries, so both changes survive", async () => {
    const bodies: PutBody[] = [];
    const theirs = LIST.replace("- [ ] T003 Define the model\n", "- [ ] T003 Define the model\n- [ ] T004 Someone else's new task\n");
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 409, { message: `${PATH} does not match blob-1` });
    mockFile(scope, theirs, "blob-theirs");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-3" }, commit: { sha: "commit-3" } });
    mockRecorded(scope, "blob-1");

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies.map((b) => b.sha)).toEqual(["blob-1", "blob-theirs"]);
    const written = fromB64((bodies[1] as PutBody).content);
    expect(written).toBe(theirs.replace("- [ ] T003", "- [X] T003"));
    // not remembered as tasksync's own and not reconciled here: the other commit's push (queued
    // behind this job) and then ours reconcile them, in order
    expect(app.runtime.ownCommits.size).toBe(0);
    expect(reconciles).toEqual([]);
  });

  it("with Probot's plugin-retry on (production), a 409 is not re-sent with the stale sha", async () => {
    app.close();
    app = await startApp({}, true);
    const bodies: PutBody[] = [];
    const theirs = `${LIST}- [ ] T004 Someone else's new task\n`;
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 409, { message: `${PATH} does not match blob-1` });
    mockFile(scope, theirs, "blob-theirs");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-3" }, commit: { sha: "commit-3" } });
    mockRecorded(scope, "blob-1");

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    // one PUT per sha: plugin-retry did not resend the stale one, the write-back re-read instead
    expect(bodies.map((b) => b.sha)).toEqual(["blob-1", "blob-theirs"]);
  });

  it("a list changed since its last sync (someone pushed during the window): committed, but left to the pushes to reconcile", async () => {
    const bodies: PutBody[] = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-2" }, commit: { sha: "commit-2" } });
    mockRecorded(scope, "blob-0");

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies).toHaveLength(1);
    expect(app.runtime.ownCommits.size).toBe(0);
    expect(reconciles).toEqual([]);
  });

  it("a protected branch: the tick goes to tasksync/ticks, one pull request is opened and its link commented", async () => {
    const bodies: PutBody[] = [];
    const pulls: Array<Record<string, unknown>> = [];
    const comments: Array<{ body: string }> = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 403, { message: `Protected branch update failed for refs/heads/${BRANCH}.` });
    scope
      .get(`${REPO_API}/pulls`)
      .query({ head: `${OWNER}:tasksync/ticks`, base: BRANCH, state: "open" })
      .reply(200, [])
      .get(`${REPO_API}/git/ref/heads%2Ftasksync%2Fticks`)
      .reply(404, { message: "Not Found" })
      .get(`${REPO_API}/git/ref/heads%2F${BRANCH}`)
      .reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: "head-1", type: "commit" } })
      .post(`${REPO_API}/git/refs`, { ref: "refs/heads/tasksync/ticks", sha: "head-1" })
      .reply(201, { ref: "refs/heads/tasksync/ticks", object: { sha: "head-1", type: "commit" } });
    mockFile(scope, LIST, "blob-1", "tasksync/ticks");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-2" }, commit: { sha: "ticks-commit" } });
    scope
      .post(`${REPO_API}/pulls`, (body: Record<string, unknown>) => {
        pulls.push(body);
        return true;
      })
      .reply(201, { number: 7, html_url: `https://github.com/${OWNER}/${REPO}/pull/7` })
      .get(`${REPO_API}/issues/12/comments`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [])
      .post(`${REPO_API}/issues/12/comments`, (body: { body: string }) => {
        comments.push(body);
        return true;
      })
      .reply(201, { id: 3 });

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies.map((b) => b.branch)).toEqual([BRANCH, "tasksync/ticks"]);
    expect(fromB64((bodies[1] as PutBody).content)).toBe(LIST.replace("- [ ] T003", "- [X] T003"));
    expect(pulls).toEqual([expect.objectContaining({ head: "tasksync/ticks", base: BRANCH })]);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`https://github.com/${OWNER}/${REPO}/pull/7`);
    // the default branch did not change: nothing to remember as tasksync's own commit, nothing to reconcile
    expect(app.runtime.ownCommits.size).toBe(0);
  });

  it("a protected branch with the pull request already open: the tick is added to its branch, no second pull request", async () => {
    const bodies: PutBody[] = [];
    const onBranch = LIST.replace("- [ ] T001", "- [X] T001");
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 409, { message: "Repository rule violations found\n\nChanges must be made through a pull request.\n\n" });
    scope
      .get(`${REPO_API}/pulls`)
      .query({ head: `${OWNER}:tasksync/ticks`, base: BRANCH, state: "open" })
      .reply(200, [{ number: 7, html_url: `https://github.com/${OWNER}/${REPO}/pull/7` }])
      .get(`${REPO_API}/git/ref/heads%2Ftasksync%2Fticks`)
      .reply(200, { ref: "refs/heads/tasksync/ticks", object: { sha: "ticks-1", type: "commit" } });
    mockFile(scope, onBranch, "blob-b", "tasksync/ticks");
    mockPut(scope, bodies, 200, { content: { path: PATH, sha: "blob-c" }, commit: { sha: "ticks-2" } });
    scope
      .get(`${REPO_API}/issues/12/comments`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [{ id: 1, body: `${tagOf("pull #7")}\nold link` }]);

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies[1]).toMatchObject({ branch: "tasksync/ticks", sha: "blob-b" });
    // both ticks are on the branch now
    expect(fromB64((bodies[1] as PutBody).content)).toBe(onBranch.replace("- [ ] T003", "- [X] T003"));
  });

  it("a missing permission: a comment naming it, and no retry", async () => {
    const bodies: PutBody[] = [];
    const comments: Array<{ body: string }> = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 403, { message: "Resource not accessible by integration" });
    scope
      .get(`${REPO_API}/issues/12/comments`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [])
      .post(`${REPO_API}/issues/12/comments`, (body: { body: string }) => {
        comments.push(body);
        return true;
      })
      .reply(201, { id: 3 });

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies).toHaveLength(1);
    expect(comments[0]?.body).toContain("`contents: write`");
  });

  it("an unknown failure propagates: the job fails and nothing else is sent", async () => {
    const bodies: PutBody[] = [];
    const scope = nock(API);
    mockToken(scope);
    mockConfig(scope);
    mockFile(scope, LIST, "blob-1");
    mockPut(scope, bodies, 500, { message: "Server Error" });

    await receive(issuesEvent({ action: "closed", number: 12, marker: taskMarker("T003") }));

    scope.done();
    expect(bodies).toHaveLength(1);
    expect(app.jobs.map((j) => j.name)).toEqual(["write-back"]);
    expect(statusOf(await app.jobs[0]?.outcome)).toBe(500);
    expectedFailures = [{ status: 500, message: "Server Error" }]; // the failure was the point, and it is GitHub's 500
    expect(app.runtime.ownCommits.size).toBe(0);
  });
});
