/**
 * issues.closed / issues.reopened → one level-triggered reconcile, through Probot with real-shaped
 * payloads and strict HTTP mocks: every request the app makes must be expected, and every expected
 * one made. What tasksync trusts is tested here against the real payload shapes: a marker copied
 * into an issue someone else opened moves nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { defaultConfig } from "../../src/config/schema.js";
import { registerIssuesHandler } from "../../src/handlers/on-issues.js";
import { desiredState } from "../../src/reconcile/desired/desired-state.js";
import { observedStatesDigest } from "../../src/reconcile/three-way/issue-states.js";
import { parseMarker, renderMarker, type Marker } from "../../src/identity/marker.js";
import { toTrackedIssue } from "../../src/reconcile/observe/tracked-issues.js";
import { parseTaskList } from "../../src/tasks/parse-tasks.js";
import { diffOffsets } from "../support/text-diff.js";
import { API, b64, example, expectStrict, fromB64, mockToken, startTestApp, type TestApp } from "./probot-app.js";
import { forgetIssueTypes } from "../../src/reconcile/observe/observe-issue-fields.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const BRANCH = "master";
const PATH = "specs/001-photo-albums/tasks.md";
const R = `/repos/${OWNER}/${REPO}`;
const HEAD = "c0ffee0000000000000000000000000000000001";
const BLOB = "b10b000000000000000000000000000000000001";
const BOT = { login: "tasksync[bot]", type: "Bot" };
const PERSON = { login: "mona", type: "User" };

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

// ---------------------------------------------------------------- GitHub as the last reconcile left it

interface RestIssue {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: Array<{ name: string }>;
  parent_issue_url: string | null;
  issue_dependencies_summary: { total_blocked_by: number };
  html_url: string;
  user: { login: string; type: string };
  created_at: string;
}

const ctx = { owner: OWNER, repo: REPO, htmlUrl: `https://github.com/${OWNER}/${REPO}`, defaultBranch: BRANCH };

/** The issues a finished reconcile of LIST leaves: tracking #1, phase #2, T001 #3, T002 #4 (closed), T003 #5. */
function syncedIssues(): RestIssue[] {
  const desired = desiredState(parseTaskList(PATH, LIST), defaultConfig, ctx, BLOB);
  const numbers = new Map(desired.issues.map((d, i) => [d.key, i + 1]));
  const issues: RestIssue[] = desired.issues.map((d, i) => ({
    number: i + 1,
    id: 9000 + i + 1,
    node_id: `I_${i + 1}`,
    title: d.title,
    body: d.body,
    state: d.done ? "closed" : "open",
    state_reason: d.done ? "completed" : null,
    labels: d.labels.map((name) => ({ name })),
    parent_issue_url: d.parentKey === null ? null : `${API}${R}/issues/${numbers.get(d.parentKey)}`,
    issue_dependencies_summary: { total_blocked_by: 0 },
    html_url: `https://github.com/${OWNER}/${REPO}/issues/${i + 1}`,
    user: BOT,
    created_at: "2025-01-01T00:00:00Z",
  }));
  return withRecordedStates(issues);
}

/** The tracking issue's record of the states its task issues were left in. */
function withRecordedStates(issues: RestIssue[]): RestIssue[] {
  const tracked = issues.flatMap((i) => toTrackedIssue(i) ?? []);
  const tracking = issues[0]!;
  const marker = parseMarker(tracking.body) as Marker & { kind: "tracking" };
  tracking.body = tracking.body.replace(
    renderMarker(marker),
    renderMarker({ ...marker, states: observedStatesDigest(tracked, PATH) }),
  );
  return issues;
}

const labelsOf = () => desiredState(parseTaskList(PATH, LIST), defaultConfig, ctx, BLOB).labels;

// ---------------------------------------------------------------- payloads

interface Example {
  action: string;
  issue: Record<string, unknown>;
  sender: Record<string, unknown>;
  repository: Record<string, unknown>;
}

const reopenedExample = example(
  "issues",
  (p) => p.action === "reopened" && p.installation !== undefined,
) as unknown as Example;

/** The real issues.reopened example, adapted: the issue's body, author and state; who did it. */
function issuesEvent(action: "closed" | "reopened", issue: RestIssue, sender: { login: string; type: string }) {
  const base = structuredClone(reopenedExample);
  const payload = {
    ...base,
    action,
    issue: {
      ...base.issue,
      number: issue.number,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      user: { ...(base.issue["user"] as object), ...issue.user },
    },
    sender: { ...base.sender, ...sender },
    repository: { ...base.repository, default_branch: BRANCH },
  };
  return { id: `delivery-${action}-${issue.number}`, name: "issues" as const, payload: payload as never };
}

// ---------------------------------------------------------------- mocks

function mockReconcileReads(scope: nock.Scope, issues: RestIssue[]): nock.Scope {
  return scope
    .get(`${R}/git/ref/heads%2F${BRANCH}`)
    .reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: HEAD, type: "commit" } })
    .get(`${R}/contents/.github%2Ftasksync.yml`)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${OWNER}/.github/contents/.github%2Ftasksync.yml`)
    .reply(404, { message: "Not Found" })
    .get(`${R}/git/trees/${HEAD}`)
    .query({ recursive: "1" })
    .reply(200, { sha: HEAD, truncated: false, tree: [{ path: PATH, type: "blob", sha: BLOB }] })
    .get(`${R}/issues`)
    .query({ labels: "tasksync", state: "all", per_page: "100", page: "1" })
    .reply(200, issues);
}

/** What planning a list whose issues changed reads: the list at its recorded blob, and the labels. */
const mockPlanningReads = (scope: nock.Scope): nock.Scope =>
  scope
    .get(`${R}/git/blobs/${BLOB}`)
    .reply(200, { sha: BLOB, encoding: "base64", content: b64(LIST) })
    .get(`${R}/labels`)
    .query(true)
    .reply(
      200,
      labelsOf().map((l) => ({ name: l.name, color: l.color })),
    )
    .get(`/orgs/${OWNER}/issue-types`) // a person's repository: no issue types
    .reply(404, { message: "Not Found" });

/** The gates re-check after a reconcile that planned something: no pull request waits. */
const mockNoWaitingPulls = (scope: nock.Scope): nock.Scope => scope.get(`${R}/pulls`).query(true).reply(200, []);

let app: TestApp;

beforeEach(async () => {
  forgetIssueTypes(); // every test answers the organisation's issue-types read itself
  app = await startTestApp({
    botLogin: BOT.login,
    settings: { batchWindowMs: 0 },
    // Only this handler: the gates re-check also listens to issues.closed, and has its own tests.
    load: (probot, runtime) => registerIssuesHandler(probot, runtime),
  });
});

afterEach(async () => {
  try {
    await expectStrict(app);
  } finally {
    app.close();
  }
});

describe("what tasksync trusts", () => {
  it("a read-only user's issue with a marker copied from a task's issue, closed: not one request", async () => {
    const real = syncedIssues()[2]!; // T001's issue
    const copy: RestIssue = { ...real, number: 42, id: 9042, user: PERSON, state: "closed", state_reason: "completed" };
    await app.receive(issuesEvent("closed", copy, PERSON));
    await app.receive(issuesEvent("reopened", { ...copy, state: "open", state_reason: "reopened" }, PERSON));
    expect(app.jobs).toEqual([]);
  });

  it("a hand-typed marker with any text hash, in an issue another app opened: not one request", async () => {
    const forged: RestIssue = {
      ...syncedIssues()[2]!,
      number: 43,
      body: `Please close\n${renderMarker({ kind: "task", path: PATH, id: "T003", text: "0123456789ab" })}`,
      user: { login: "other-app[bot]", type: "Bot" },
      state: "closed",
    };
    await app.receive(issuesEvent("closed", forged, PERSON));
    expect(app.jobs).toEqual([]);
  });

  it("tasksync's own close (it followed the file): not one request", async () => {
    const issue = { ...syncedIssues()[2]!, state: "closed" as const, state_reason: "completed" };
    await app.receive(issuesEvent("closed", issue, BOT));
    expect(app.jobs).toEqual([]);
  });

  it("a copy that also carries the tasksync label sits in the listing: the reconcile ignores it and writes nothing", async () => {
    const issues = syncedIssues();
    const real = issues[4]!; // T003's, open
    const copy: RestIssue = { ...real, number: 44, id: 9044, user: PERSON, state: "closed", state_reason: "completed" };
    // A real task issue's event asks for the reconcile; the copy is in the listing it reads.
    const scope = mockReconcileReads(mockToken(nock(API)), [...issues, copy]);
    await app.receive(issuesEvent("closed", { ...issues[3]!, state: "closed" }, PERSON));
    await expectStrict(app, scope);
    expect(app.jobs.map((j) => j.name)).toEqual(["reconcile"]);
  });
});

describe("a person closes a task's issue", () => {
  it("one commit changing exactly the task's checkbox, on the blob read; then the tracking issue records the new version", async () => {
    const issues = syncedIssues();
    issues[2] = { ...issues[2]!, state: "closed", state_reason: "completed" }; // T001, closed by mona
    const puts: Array<{ message: string; content: string; sha: string; branch: string }> = [];
    const patches: Array<{ body: Record<string, unknown> }> = [];
    const scope = mockPlanningReads(mockReconcileReads(mockToken(nock(API)), issues))
      .get(`${R}/contents/${encodeURIComponent(PATH)}`)
      .query({ ref: BRANCH })
      .reply(200, { type: "file", encoding: "base64", path: PATH, sha: BLOB, content: b64(LIST) })
      .put(`${R}/contents/${encodeURIComponent(PATH)}`, (body: (typeof puts)[number]) => {
        puts.push(body);
        return true;
      })
      .reply(200, {
        content: { sha: "b10b000000000000000000000000000000000002" },
        commit: { sha: "c0ffee0000000000000000000000000000000002" },
      })
      .patch(/\/issues\/[123]$/, (body: Record<string, unknown>) => {
        patches.push({ body });
        return true;
      })
      .times(3)
      .reply(200, {});
    mockNoWaitingPulls(scope);
    await app.receive(issuesEvent("closed", issues[2]!, PERSON));
    await expectStrict(app, scope);

    expect(puts).toHaveLength(1);
    const written = fromB64(puts[0]!.content);
    expect(diffOffsets(LIST, written, "utf8")).toHaveLength(1);
    expect(written).toBe(LIST.replace("- [ ] T001", "- [X] T001")); // the list writes done boxes as [X]: so does the tick
    expect(puts[0]).toMatchObject({ sha: BLOB, branch: BRANCH, message: `Tick T001 in ${PATH}` });
    // the second pass: the phase's progress, T001's labels (closed: no longer ready) and the
    // tracking issue's record follow; no issue changes state
    expect(patches.map((p) => parseMarker(String(p.body["body"]))?.kind)).toEqual(["phase", undefined, "tracking"]);
    expect(patches[1]!.body).toEqual({ labels: ["tasksync", "feature: 001-photo-albums", "phase: 1"] });
    expect(patches.every((p) => p.body["state"] === undefined)).toBe(true);
    expect(parseMarker(String(patches[2]!.body["body"]))).toMatchObject({
      kind: "tracking",
      sha: "b10b000000000000000000000000000000000002",
    });
  });

  it("closed as not planned (onNotPlanned: keep): a resting state, nothing written", async () => {
    const issues = syncedIssues();
    issues[2] = { ...issues[2]!, state: "closed", state_reason: "not_planned" };
    const scope = mockPlanningReads(mockReconcileReads(mockToken(nock(API)), issues))
      // closed, so no longer ready: its labels only (the file keeps its box)
      .patch(`${R}/issues/3`, { labels: ["tasksync", "feature: 001-photo-albums", "phase: 1"] })
      .reply(200, {})
      .patch(
        `${R}/issues/1`,
        (body: Record<string, unknown>) =>
          parseMarker(String(body["body"]))?.kind === "tracking" && body["state"] === undefined,
      )
      .reply(200, {}); // and the record of the states; nothing done, so no pull request is re-checked
    await app.receive(issuesEvent("closed", issues[2]!, PERSON));
    await expectStrict(app, scope);
  });

  it("the same close delivered again once everything agrees: reads only, no write", async () => {
    const issues = syncedIssues(); // T002's issue is closed and its box ticked: all agree, states recorded
    const scope = mockReconcileReads(mockToken(nock(API)), issues);
    await app.receive(issuesEvent("closed", issues[3]!, PERSON));
    await expectStrict(app, scope);
  });
});
