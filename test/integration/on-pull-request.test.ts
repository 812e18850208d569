/**
 * The `tasksync / gates` check through Probot: pull_request and check_run payloads from
 * @octokit/webhooks-examples (adapted), strict HTTP mocks — every request the app makes must be
 * expected, and every expected one made.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { registerPullRequestHandlers } from "../../src/handlers/on-pull-request.js";
import { renderMarker, type Marker } from "../../src/identity/marker.js";
import {
  API,
  b64,
  example,
  expectStrict,
  mockToken,
  startTestApp,
  type ExpectedFailure,
  type TestApp,
} from "./probot-app.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const REPO_API = `/repos/${OWNER}/${REPO}`;
const HTML = `https://github.com/${OWNER}/${REPO}`;
const BASE = "master";
const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const PATH = "specs/001-photo-albums/tasks.md";
const ENCODED_PATH = encodeURIComponent(PATH);
const CHECK_ID = 42;

const LIST = [
  "# Tasks: Photo Albums",
  "",
  "## Phase 1: Setup",
  "",
  "- [x] T001 Create project structure",
  "",
  "## Phase 2: Foundational",
  "",
  "- [x] T002 Define the model",
  "",
  "## Phase 3: User Story 1 - Create albums (Priority: P1)",
  "",
  "- [ ] T003 [US1] Album service",
  "- [ ] T004 [US1] Album endpoint (depends on T003)",
  "",
].join("\n");
const TICKED_T004 = LIST.replace("- [ ] T004", "- [x] T004");

// ---------------------------------------------------------------- payloads

type Payload = Record<string, any>;
const openedExample: Payload = example("pull_request", (p) => p.action === "opened" && p.installation !== undefined);
const rerequestedExample: Payload = example("check_run", (p) => p.action === "rerequested");
const issuesExample: Payload = example("issues", (p) => p.action === "reopened" && p.installation !== undefined);

interface PullInput {
  action?: string;
  number?: number;
  title?: string;
  body?: string;
  headRef?: string;
  state?: "open" | "closed";
}

/** The real pull_request.opened example (installation 1), adapted. */
function pullEvent(input: PullInput = {}) {
  const payload = structuredClone(openedExample);
  payload.action = input.action ?? "opened";
  payload.number = input.number ?? 2;
  Object.assign(payload.pull_request, {
    number: input.number ?? 2,
    title: input.title ?? "Album endpoint",
    body: input.body ?? "",
    state: input.state ?? "open",
  });
  payload.pull_request.head.ref = input.headRef ?? "album-endpoint";
  payload.pull_request.head.sha = HEAD_SHA;
  payload.pull_request.base.ref = BASE;
  return { id: `delivery-pr-${payload.action}`, name: "pull_request" as const, payload: payload as never };
}

function rerequestedEvent(name: string, pullNumbers: number[]) {
  const payload = structuredClone(rerequestedExample);
  payload.check_run.name = name;
  payload.check_run.external_id = "";
  payload.check_run.pull_requests = pullNumbers.map((number) => ({
    number,
    url: `${API}${REPO_API}/pulls/${number}`,
    id: 1000 + number,
    head: { ref: "album-endpoint", sha: HEAD_SHA, repo: { id: 1, name: REPO, url: `${API}${REPO_API}` } },
    base: { ref: BASE, sha: "base-sha", repo: { id: 1, name: REPO, url: `${API}${REPO_API}` } },
  }));
  payload.repository = structuredClone(openedExample.repository);
  payload.installation = { id: 1 };
  return { id: "delivery-rerequested", name: "check_run" as const, payload: payload as never };
}

function issueClosedEvent(marker: Marker | null, stateReason: string) {
  const payload = structuredClone(issuesExample);
  payload.action = "closed";
  Object.assign(payload.issue, {
    number: 3,
    state: "closed",
    state_reason: stateReason,
    body: `Task\n\n${marker ? renderMarker(marker) : ""}`,
  });
  return { id: "delivery-issue-closed", name: "issues" as const, payload: payload as never };
}

// ---------------------------------------------------------------- mocks

interface Issue {
  number: number;
  id: string;
  state?: "open" | "closed";
  stateReason?: string | null;
  /** Who opened it (default: tasksync's bot). */
  author?: string;
}

const trackedIssue = (issue: Issue) => ({
  number: issue.number,
  id: 9000 + issue.number,
  node_id: `I_${issue.number}`,
  title: `${issue.id} task`,
  body: renderMarker({ kind: "task", path: PATH, id: issue.id, text: "abc" }),
  state: issue.state ?? "open",
  state_reason: issue.stateReason ?? null,
  labels: [{ name: "tasksync" }],
  user: { login: issue.author ?? "tasksync[bot]", type: issue.author ? "User" : "Bot" },
  html_url: `${HTML}/issues/${issue.number}`,
});

interface Captured {
  created: Payload[];
  updates: Payload[];
}

function mocks(scope: nock.Scope, captured: Captured) {
  return {
    token: () => mockToken(scope, { checks: "write", contents: "read", issues: "read", pull_requests: "read" }),
    /** The config at `ref` (the PR's base; none for the default branch); null: no file, so the org's .github repo is asked too. */
    config: (yaml: string | null = null, ref: string | null = BASE) => {
      const path = `${REPO_API}/contents/.github%2Ftasksync.yml`;
      const get = ref === null ? scope.get(path) : scope.get(path).query({ ref });
      if (yaml !== null) return get.reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
      get.reply(404, { message: "Not Found" });
      return scope.get(`/repos/${OWNER}/.github/contents/.github%2Ftasksync.yml`).reply(404, { message: "Not Found" });
    },
    createCheck: () =>
      scope
        .post(`${REPO_API}/check-runs`, (body: Payload) => (captured.created.push(body), true))
        .reply(201, { id: CHECK_ID }),
    files: (paths: string[], number = 2) =>
      scope
        .get(`${REPO_API}/pulls/${number}/files`)
        .query({ per_page: "100", page: "1" })
        .reply(
          200,
          paths.map((filename) => ({ filename, status: "modified", sha: "x", additions: 1, deletions: 1, changes: 2 })),
        ),
    tracked: (issues: Issue[]) =>
      scope
        .get(`${REPO_API}/issues`)
        .query({ labels: "tasksync", state: "all", per_page: "100", page: "1" })
        .reply(200, issues.map(trackedIssue)),
    graphql: (numbers: number[] | "error") =>
      scope.post("/graphql").reply(
        200,
        numbers === "error"
          ? { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] }
          : {
              data: {
                repository: {
                  pullRequest: { closingIssuesReferences: { nodes: numbers.map((number) => ({ number })) } },
                },
              },
            },
      ),
    list: (text: string, ref: string) =>
      scope
        .get(`${REPO_API}/contents/${ENCODED_PATH}`)
        .query({ ref })
        .reply(200, { type: "file", encoding: "base64", path: PATH, sha: `blob-${ref}`, content: b64(text) }),
    complete: (times = 1) =>
      scope
        .patch(`${REPO_API}/check-runs/${CHECK_ID}`, (body: Payload) => (captured.updates.push(body), true))
        .times(times)
        .reply(200, { id: CHECK_ID }),
  };
}

// ---------------------------------------------------------------- the app

let app: TestApp;

async function startApp(whole: boolean): Promise<TestApp> {
  return startTestApp({
    botLogin: "tasksync[bot]",
    // pull_request and check_run events reach only the gates, so the whole app is loaded for them;
    // issues.closed and push also reach write-back and sync: only the gates handlers then.
    ...(whole ? {} : { load: (probot, runtime) => registerPullRequestHandlers(probot, runtime) }),
  });
}

const receive = (event: Parameters<TestApp["receive"]>[0]): Promise<void> => app.receive(event);

let captured: Captured;
let scope: nock.Scope;
let mock: ReturnType<typeof mocks>;
/** Jobs expected to fail, in order, with GitHub's status and message (the test says which). */
let expectedFailures: ExpectedFailure[];

beforeEach(async () => {
  app = await startApp(true);
  captured = { created: [], updates: [] };
  scope = nock(API);
  mock = mocks(scope, captured);
  expectedFailures = [];
});

afterEach(async () => {
  try {
    await expectStrict(app, scope, { failures: expectedFailures });
  } finally {
    app.close();
  }
});

/** The mocks of one full gates run on PR #2 that changes the task list from `base` to `head`. */
function fullRun(
  base: string,
  head: string,
  issues: Issue[],
  options: { yaml?: string; closing?: number[] | "error" } = {},
): void {
  mock.token();
  mock.config(options.yaml ?? null);
  mock.createCheck();
  mock.files([PATH, "src/albums/endpoint.ts"]);
  mock.tracked(issues);
  mock.graphql(options.closing ?? []);
  mock.list(base, BASE);
  mock.list(head, HEAD_SHA);
  mock.complete();
}

describe("pull_request → tasksync / gates", () => {
  it("a PR that ticks T004 while its blocker T003 is open fails, naming T003 with a link to its issue", async () => {
    fullRun(LIST, TICKED_T004, [
      { number: 3, id: "T003" },
      { number: 4, id: "T004" },
    ]);

    await receive(pullEvent());

    scope.done();
    expect(captured.created).toEqual([
      expect.objectContaining({
        name: "tasksync / gates",
        head_sha: HEAD_SHA,
        status: "in_progress",
        external_id: "2",
      }),
    ]);
    const update = captured.updates[0] as Payload;
    expect(update).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "1 gate failed" } });
    expect(update.output.summary).toContain(`[T004](${HTML}/issues/4) waits for [T003](${HTML}/issues/3)`);
    expect(update.output.annotations).toEqual([
      {
        path: PATH,
        start_line: 14,
        end_line: 14,
        annotation_level: "failure",
        title: "T004 is blocked",
        message: "T004 waits for T003",
      },
    ]);
    expect(update.output.text).toContain("```mermaid");
  });

  it("passes once the blocker's issue is closed as completed, though the file still shows it open", async () => {
    fullRun(LIST, TICKED_T004, [{ number: 3, id: "T003", state: "closed", stateReason: "completed" }]);

    await receive(pullEvent({ action: "synchronize" }));

    scope.done();
    expect(captured.updates[0]).toMatchObject({ conclusion: "success", output: { title: "All gates passed" } });
    expect(captured.updates[0]?.output.annotations).toBeUndefined();
  });

  it("a labelled copy of the blocker's issue, closed by someone else who opened it, does not satisfy the gate", async () => {
    fullRun(LIST, TICKED_T004, [
      { number: 3, id: "T003" },
      { number: 30, id: "T003", state: "closed", stateReason: "completed", author: "mallory" },
    ]);

    await receive(pullEvent({ action: "synchronize" }));

    scope.done();
    expect(captured.updates[0]).toMatchObject({ conclusion: "failure", output: { title: "1 gate failed" } });
  });

  it("advisory mode reports a failed gate as neutral", async () => {
    fullRun(LIST, TICKED_T004, [], { yaml: "gates:\n  mode: advisory\n" });

    await receive(pullEvent({ action: "reopened" }));

    scope.done();
    expect(captured.updates[0]).toMatchObject({ conclusion: "neutral", output: { title: "1 gate failed (advisory)" } });
    expect(captured.updates[0]?.output.annotations[0].annotation_level).toBe("warning");
  });

  it("a PR that touches no task succeeds with a one-line summary", async () => {
    mock.token();
    mock.config();
    mock.createCheck();
    mock.files(["README.md"]);
    mock.tracked([]);
    mock.graphql([]);
    mock.complete();

    await receive(pullEvent({ action: "edited", title: "Fix the README" }));

    scope.done();
    expect(captured.updates).toEqual([
      expect.objectContaining({
        status: "completed",
        conclusion: "success",
        output: { title: "No tasks touched", summary: "This pull request touches no tasks." },
      }),
    ]);
  });

  it("falls back to the description's closing keywords when GraphQL cannot answer", async () => {
    mock.token();
    mock.config();
    mock.createCheck();
    mock.files(["src/albums/endpoint.ts"]);
    mock.tracked([
      { number: 3, id: "T003" },
      { number: 4, id: "T004" },
    ]);
    mock.graphql("error");
    mock.list(LIST, BASE);
    mock.list(LIST, HEAD_SHA);
    mock.complete();

    await receive(pullEvent({ action: "ready_for_review", body: "Closes #4" }));

    scope.done();
    expect(captured.updates[0]).toMatchObject({ conclusion: "failure" });
    expect(captured.updates[0]?.output.summary).toContain(`waits for [T003](${HTML}/issues/3)`);
  });

  it("sends annotations beyond 50 in further updates", async () => {
    const duplicates = Array.from({ length: 60 }, (_, i) => `- [ ] T003 [US1] Duplicate ${i}`).join("\n");
    fullRun(LIST, `${LIST}${duplicates}\n`, []);
    mock.complete(); // the second batch

    await receive(pullEvent());

    scope.done();
    expect(captured.updates.map((u) => u.output.annotations.length)).toEqual([50, 10]);
    expect(captured.updates[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "1 gate failed" },
    });
    expect(captured.updates[1]).not.toHaveProperty("conclusion");
    const lines = captured.updates.flatMap((u) => u.output.annotations.map((a: Payload) => a.start_line));
    expect(lines).toEqual(Array.from({ length: 60 }, (_, i) => 15 + i));
  });

  it("a bad configuration is a failing check naming the key at fault", async () => {
    mock.token();
    mock.config("gates:\n  mode: lenient\n");
    mock.createCheck();

    await receive(pullEvent());

    scope.done();
    expect(captured.created).toHaveLength(1);
    expect(captured.created[0]).toMatchObject({ name: "tasksync / gates", status: "completed", conclusion: "failure" });
    expect(captured.created[0]?.output.summary).toContain("gates.mode");
  });

  it("does nothing when gates are disabled", async () => {
    mock.token();
    mock.config("gates:\n  enabled: false\n");

    await receive(pullEvent());

    scope.done();
    expect(captured.created).toEqual([]);
  });

  it("ignores a closed pull request", async () => {
    await receive(pullEvent({ action: "edited", state: "closed" }));
    expect(app.jobs).toEqual([]);
  });

  it("an unexpected GitHub error completes the check as failed, and the job fails loudly", async () => {
    mock.token();
    mock.config();
    mock.createCheck();
    scope
      .get(`${REPO_API}/pulls/2/files`)
      .query({ per_page: "100", page: "1" })
      .reply(500, { message: "Server Error" });
    mock.complete();
    expectedFailures = [{ status: 500, message: "Server Error" }]; // GitHub's 500, not an unexpected request

    await receive(pullEvent());

    scope.done();
    expect(captured.updates[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "tasksync could not evaluate the gates" },
    });
  });
});

describe("check_run.rerequested", () => {
  it("re-runs the gates for the check's pull request, read fresh", async () => {
    mock.token();
    scope.get(`${REPO_API}/pulls/2`).reply(200, structuredClone(pullEvent().payload as Payload).pull_request);
    mock.config();
    mock.createCheck();
    mock.files([PATH]);
    mock.tracked([]);
    mock.graphql([]);
    mock.list(LIST, BASE);
    mock.list(TICKED_T004, HEAD_SHA);
    mock.complete();

    await receive(rerequestedEvent("tasksync / gates", [2]));

    scope.done();
    expect(captured.updates[0]).toMatchObject({ conclusion: "failure" });
  });

  it("leaves other apps' check runs alone", async () => {
    await receive(rerequestedEvent("ci / build", [2]));
    expect(app.jobs).toEqual([]);
  });
});

describe("re-checks without a new push", () => {
  beforeEach(async () => {
    // a fresh app with only the gates handlers (no mock is set up yet: closing the first one loses none)
    app.close();
    app = await startApp(false);
  });

  it("a task issue closed as completed re-runs the open PRs whose gates failed, and only those", async () => {
    const failing = structuredClone(pullEvent({ number: 2 }).payload as Payload).pull_request;
    const passing = { ...structuredClone(failing), number: 5, head: { ...failing.head, sha: "passing-sha" } };
    mock.token();
    scope
      .get(`${REPO_API}/pulls`)
      .query({ state: "open", sort: "updated", direction: "desc", per_page: "100", page: "1" })
      .reply(200, [failing, passing]);
    scope
      .get(`${REPO_API}/commits/${HEAD_SHA}/check-runs`)
      .query({ check_name: "tasksync / gates", filter: "latest" })
      .reply(200, { total_count: 1, check_runs: [{ id: 1, status: "completed", conclusion: "failure" }] });
    scope
      .get(`${REPO_API}/commits/passing-sha/check-runs`)
      .query({ check_name: "tasksync / gates", filter: "latest" })
      .reply(200, { total_count: 1, check_runs: [{ id: 2, status: "completed", conclusion: "success" }] });
    mock.config();
    mock.createCheck();
    mock.files([PATH]);
    mock.tracked([{ number: 3, id: "T003", state: "closed", stateReason: "completed" }]);
    mock.graphql([]);
    mock.list(LIST, BASE);
    mock.list(TICKED_T004, HEAD_SHA);
    mock.complete();

    await receive(issueClosedEvent({ kind: "task", path: PATH, id: "T003", text: "abc" }, "completed"));

    scope.done();
    expect(app.jobs.map((j) => j.name)).toEqual(["gates-recheck", "gates"]);
    expect(captured.created).toHaveLength(1);
    expect(captured.updates[0]).toMatchObject({ conclusion: "success" });
  });

  it.each([
    ["closed as not planned", { kind: "task", path: PATH, id: "T003", text: "abc" } as Marker, "not_planned"],
    ["an issue tasksync does not manage", null, "completed"],
  ])("%s: nothing is re-checked", async (_name, marker, reason) => {
    await receive(issueClosedEvent(marker, reason));
    expect(app.jobs).toEqual([]);
  });
});
