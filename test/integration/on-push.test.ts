/**
 * push → sync, through Probot with the real push payload from @octokit/webhooks-examples
 * (a branch push) and strict HTTP mocks: every request must be expected and every mock used.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { renderMarker } from "../../src/identity/marker.js";
import { observedStatesDigest } from "../../src/reconcile/three-way/issue-states.js";
import { API, b64, example, expectStrict, mockNoConfig, mockToken, startTestApp, type TestApp } from "./probot-app.js";
import { forgetIssueTypes } from "../../src/reconcile/observe/observe-issue-fields.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const R = `/repos/${OWNER}/${REPO}`;
const PATH = "specs/001-photo-albums/tasks.md";
const BLOB = "b10b000000000000000000000000000000000001";
const LIST =
  "# Tasks: Photo albums\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [ ] T002 Add linting (depends on T001)\n";

/** The real branch push example (refs/heads/master, with an installation). */
function branchPush(changes: Record<string, unknown> = {}) {
  const payload = {
    ...example("push", (p) => String(p.ref).startsWith("refs/heads/") && p.installation !== undefined),
    ...changes,
  };
  return { id: "delivery-push-1", name: "push", payload };
}

const AFTER = String(branchPush().payload.after);

/** The branch head the job syncs: here still the push's `after`. */
const mockHead = (scope: nock.Scope): nock.Scope =>
  scope
    .get(`${R}/git/ref/heads%2Fmaster`)
    .reply(200, { ref: "refs/heads/master", object: { sha: AFTER, type: "commit" } });

let app: TestApp | undefined;
beforeEach(() => {
  forgetIssueTypes(); // every test answers the organisation's issue-types read itself
});

afterEach(() => {
  app?.close();
  app = undefined;
});

describe("push handler", () => {
  it.each([
    ["a tag push", { ref: "refs/tags/simple-tag" }],
    ["a push to another branch", { ref: "refs/heads/feature" }],
    ["a branch delete", { deleted: true, after: "0000000000000000000000000000000000000000" }],
  ])("ignores %s without a single request", async (_name, changes) => {
    app = await startTestApp({ botLogin: "tasksync[bot]" });
    await app.receive(branchPush(changes));
    // no job queued at all: nothing could have sent a request (an unexpected one would fail its job)
    expect(app.jobs.map((j) => j.name)).toEqual([]);
  });

  it("creates the issues of a new task list, each under its parent with its labels in one request: exactly these requests, in this order", async () => {
    app = await startTestApp({ botLogin: "tasksync[bot]" });
    const created: Array<{ title: string; labels: string[]; parent?: string }> = [];
    let nextIssue = 1;
    const issue = (body: { title: string; labels: string[] }) => {
      created.push(body);
      const number = nextIssue++;
      return {
        number,
        id: 9000 + number,
        node_id: `I_${number}`,
        title: body.title,
        html_url: `https://github.com/${OWNER}/${REPO}/issues/${number}`,
      };
    };
    const labelIds: Record<string, string> = {
      LA_1: "tasksync",
      LA_2: "feature: 001-photo-albums",
      LA_3: "phase: 1",
      LA_4: "ready",
    };
    /** GraphQL createIssue: the issue under its parent, with its labels, in one request. */
    const createIssue = (body: {
      query: string;
      variables: { title: string; labelIds: string[]; parentIssueId: string; repositoryId: string };
    }) => {
      if (!body.query.includes("createIssue") || body.variables.repositoryId !== "R_1")
        throw new Error(`unexpected GraphQL ${body.query}`);
      const made = issue({
        title: body.variables.title,
        labels: body.variables.labelIds.map((id) => labelIds[id] ?? id),
      });
      created[created.length - 1]!.parent = body.variables.parentIssueId;
      return { data: { createIssue: { issue: { id: made.node_id, databaseId: made.id, number: made.number } } } };
    };
    const scope = mockHead(mockToken(nock(API)));
    mockNoConfig(scope, OWNER, REPO)
      .get(`${R}/git/trees/${AFTER}`)
      .query({ recursive: "1" })
      .reply(200, {
        sha: AFTER,
        truncated: false,
        tree: [
          { path: PATH, type: "blob", sha: BLOB },
          { path: "README.md", type: "blob", sha: "r" },
        ],
      })
      .get(`${R}/issues`)
      .query({ labels: "tasksync", state: "all", per_page: "100", page: "1" })
      .reply(200, [])
      .get(`${R}/git/blobs/${BLOB}`)
      .reply(200, { sha: BLOB, encoding: "base64", content: b64(LIST) })
      .get(`${R}/labels`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [{ name: "tasksync", color: "5319e7", node_id: "LA_1" }])
      .get(`/orgs/${OWNER}/issue-types`)
      .reply(404, { message: "Not Found" }) // a person's repository: no issue types
      .post(`${R}/labels`, { name: "feature: 001-photo-albums", color: "1d76db" })
      .reply(201, { node_id: "LA_2" })
      .post(`${R}/labels`, { name: "phase: 1", color: "c5def5" })
      .reply(201, { node_id: "LA_3" })
      .post(`${R}/labels`, { name: "ready", color: "0e8a16" })
      .reply(201, { node_id: "LA_4" })
      .post(`${R}/issues`)
      .reply(201, (_uri, body) => issue(body as { title: string; labels: string[] }))
      .get(R)
      .reply(200, { node_id: "R_1" })
      .post("/graphql")
      .times(3)
      .reply(200, (_uri, body) => createIssue(body as Parameters<typeof createIssue>[0]))
      .post(`${R}/issues/4/dependencies/blocked_by`, { issue_id: 9003 })
      .reply(201, {})
      .patch(`${R}/issues/1`, (body: { body: string }) => body.body.includes(`"sha":"${BLOB}"`))
      .reply(200, {})
      // a task list was reconciled: the gates of open pull requests are re-checked (none here)
      .get(`${R}/pulls`)
      .query({ state: "open", sort: "updated", direction: "desc", per_page: "100", page: "1" })
      .reply(200, []);
    await app.receive(branchPush());
    await expectStrict(app, scope);
    expect(created.map((c) => c.title)).toEqual([
      "001-photo-albums: Photo albums",
      "001-photo-albums · Phase 1: Setup",
      "T001 Create the project",
      "T002 Add linting (depends on T001)",
    ]);
    expect(created[2]?.labels).toEqual(["tasksync", "feature: 001-photo-albums", "phase: 1", "ready"]); // T001 can start
    expect(created[3]?.labels).toEqual(["tasksync", "feature: 001-photo-albums", "phase: 1"]); // T002 waits for T001
    // each issue is created under its parent: the phase under the tracking issue, the tasks under the phase
    expect(created.map((c) => c.parent)).toEqual([undefined, "I_1", "I_2", "I_2"]);
  });

  it("makes no write when the push is delivered again after it was synced", async () => {
    app = await startTestApp({ botLogin: "tasksync[bot]" });
    const tracking = {
      number: 1,
      id: 9001,
      node_id: "I_1",
      title: "001-photo-albums: Photo albums",
      state: "open",
      state_reason: null,
      labels: [{ name: "tasksync" }],
      html_url: "https://github.com/x/1",
      user: { login: "tasksync[bot]", type: "Bot" },
      body: renderMarker({ kind: "tracking", path: PATH, sha: BLOB, states: observedStatesDigest([], PATH) }),
    };
    const scope = mockHead(mockToken(nock(API)));
    mockNoConfig(scope, OWNER, REPO)
      .get(`${R}/git/trees/${AFTER}`)
      .query({ recursive: "1" })
      .reply(200, { sha: AFTER, truncated: false, tree: [{ path: PATH, type: "blob", sha: BLOB }] })
      .get(`${R}/issues`)
      .query({ labels: "tasksync", state: "all", per_page: "100", page: "1" })
      .reply(200, [tracking]);
    await app.receive(branchPush());
    await expectStrict(app, scope);
  });

  it("reports a bad config as a failed check on the pushed commit, and syncs nothing", async () => {
    app = await startTestApp({ botLogin: "tasksync[bot]" });
    let summary = "";
    const scope = mockHead(mockToken(nock(API)))
      .get(`${R}/contents/.github%2Ftasksync.yml`)
      .reply(200, "gates:\n  mode: sometimes\n", { "content-type": "application/vnd.github.raw; charset=utf-8" })
      .get(`${R}/commits/${AFTER}/check-runs`)
      .query({ check_name: "tasksync / config" })
      .reply(200, { total_count: 0, check_runs: [] })
      .post(
        `${R}/check-runs`,
        (body: { name: string; head_sha: string; conclusion: string; output: { summary: string } }) => {
          summary = body.output.summary;
          return body.name === "tasksync / config" && body.head_sha === AFTER && body.conclusion === "failure";
        },
      )
      .reply(201, { id: 1 });
    await app.receive(branchPush());
    await expectStrict(app, scope);
    expect(summary).toContain("gates.mode");
  });
});
