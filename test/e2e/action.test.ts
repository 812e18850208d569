/**
 * The GitHub Action end to end: the committed bundle run as a runner runs it, for the events a
 * workflow sends (push, issues.closed, pull_request) and with a token that lacks a permission.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { startEmulator, type Emulator, type Permissions, type WebhookEvent } from "../github-emulator/index.js";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { issuesOf, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { runActionBundle, type ActionRun } from "./action-runner.js";

const OWNER = "octo";
const REPO = "app";
const ALL: Permissions = {
  metadata: "read",
  contents: "write",
  issues: "write",
  checks: "write",
  pull_requests: "write",
};

let emulator: Emulator;
let events: WebhookEvent[];
let token: string;

async function start(permissions: Permissions = ALL): Promise<void> {
  events = [];
  // A workflow's GITHUB_TOKEN writes as github-actions[bot]: the emulator's installation does too.
  emulator = await startEmulator({ app: { slug: "github-actions" }, onWebhook: (event) => void events.push(event) });
  emulator.createRepo({ owner: OWNER, name: REPO, files: { "README.md": "# app\n" } });
  const { id } = emulator.install({ account: OWNER, repos: [REPO], permissions });
  token = emulator.installationToken(id);
}

/** The newest webhook the emulator sent for `name` (and `action`): the workflow's event payload. */
async function lastEvent(name: string, action?: string): Promise<WebhookEvent> {
  await emulator.webhooksDelivered();
  const found = events
    .filter((e) => e.name === name && (action === undefined || e.payload["action"] === action))
    .at(-1);
  if (!found) throw new Error(`no ${name}${action ? `.${action}` : ""} webhook`);
  return found;
}

function run(event: WebhookEvent, inputs?: Record<string, string>): Promise<ActionRun> {
  return runActionBundle({
    apiUrl: emulator.url,
    repository: `${OWNER}/${REPO}`,
    token,
    event,
    ...(inputs ? { inputs } : {}),
  });
}

async function pushList(text: string): Promise<ActionRun> {
  emulator.commit({ owner: OWNER, repo: REPO, files: { [PATH]: text } });
  return run(await lastEvent("push"));
}

beforeEach(() => {
  events = [];
});
afterEach(async () => {
  await emulator.stop();
});

describe("the tasksync Action", () => {
  it("push: syncs the task list into issues, sets the outputs and writes a job summary", async () => {
    await start();
    const result = await pushList(LIST);
    expect(result.stdout).not.toContain("::error::");
    expect(result.code).toBe(0);
    const issues = issuesOf({ emulator, owner: OWNER, repo: REPO });
    expect(issues).toHaveLength(9); // tracking, 3 phases, 5 tasks
    expect(result.outputs["created"]).toBe("9");
    expect(Number(result.outputs["linked"])).toBeGreaterThan(0);
    expect(result.summary).toContain("**Event:** push to refs/heads/main");
    expect(result.summary).toContain("| created | 9 |");
    const t005 = taskIssue({ emulator, owner: OWNER, repo: REPO }, "T005", PATH);
    expect(result.summary).toContain(`[#${t005.number} `);

    const again = await run(await lastEvent("push"));
    expect(again.code).toBe(0);
    expect(again.outputs["changed"]).toBe("0");
    expect(again.summary).toContain("Nothing changed on GitHub");
  });

  it("the config input points tasksync at another configuration file", async () => {
    await start();
    const plans = "plans/albums/tasks.md";
    emulator.commit({
      owner: OWNER,
      repo: REPO,
      files: { "ci/tasksync.yml": 'paths: ["plans/*/tasks.md"]\n', [plans]: LIST },
    });
    const event = await lastEvent("push");
    const withDefault = await run(event);
    expect(withDefault.code).toBe(0);
    expect(withDefault.outputs["created"]).toBe("0");
    const withInput = await run(event, { config: "ci/tasksync.yml" });
    expect(withInput.code).toBe(0);
    expect(withInput.outputs["created"]).toBe("9");
    expect(taskIssue({ emulator, owner: OWNER, repo: REPO }, "T005", plans).state).toBe("open");
  });

  it("issues.closed: ticks the task's checkbox in the list with the workflow's token", async () => {
    await start();
    expect((await pushList(LIST)).code).toBe(0);
    const t001 = taskIssue({ emulator, owner: OWNER, repo: REPO }, "T001", PATH);
    emulator.closeIssue(OWNER, REPO, t001.number, "completed", "octocat");
    const result = await run(await lastEvent("issues", "closed"));
    expect(result.stdout).not.toContain("::error::");
    expect(result.code).toBe(0);
    expect(result.outputs["commits"]).toBe("1");
    const file = emulator.fileAt(OWNER, REPO, "main", PATH) ?? "";
    expect(file).toContain("- [x] T001 Create project structure");
    expect(file).toContain("- [ ] T003 Database schema");
    expect(result.summary).toContain("issues.closed");
  });

  it("a person's token (PAT): the issues it made are tasksync's, so closing one ticks the box", async () => {
    await start();
    emulator.setCollaborator(OWNER, REPO, "maintainer", "write");
    token = emulator.userToken("maintainer");
    expect((await pushList(LIST)).code).toBe(0);
    const t001 = taskIssue({ emulator, owner: OWNER, repo: REPO }, "T001", PATH);
    expect(emulator.issue(OWNER, REPO, t001.number).user).toBe("maintainer");
    emulator.closeIssue(OWNER, REPO, t001.number, "completed", "octocat");
    const result = await run(await lastEvent("issues", "closed"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("the token acts as maintainer");
    expect(result.outputs["commits"]).toBe("1");
    expect(emulator.fileAt(OWNER, REPO, "main", PATH) ?? "").toContain("- [x] T001 Create project structure");
  });

  it("pull_request: the tasksync / gates check fails a PR that ticks a task whose blocker is open, and so does the step", async () => {
    await start();
    expect((await pushList(LIST)).code).toBe(0);
    emulator.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "upload",
      title: "Upload endpoint",
      files: { [PATH]: LIST.replace("- [ ] T005", "- [x] T005") },
    });
    const event = await lastEvent("pull_request", "opened");
    const result = await run(event);
    const head = emulator.branchSha(OWNER, REPO, "upload") ?? "";
    const gates = emulator.checkRuns(OWNER, REPO, head).filter((c) => c.name === "tasksync / gates");
    expect(gates).toHaveLength(1);
    expect(gates[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::tasksync: tasksync / gates failed");
    expect(result.summary).toContain("### tasksync / gates: failure");
    expect(result.summary).toMatch(/\[T005\]\([^)]*\) waits for \[T004\]/);
  });

  it("pull_request from a fork: the read-only token cannot create the check, and the step fails saying to use pull_request_target", async () => {
    await start({ metadata: "read", contents: "read", issues: "read", checks: "read", pull_requests: "read" });
    emulator.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "upload-ui",
      title: "Upload UI",
      files: { [PATH]: LIST },
    });
    const event = await lastEvent("pull_request", "opened");
    const pull = event.payload["pull_request"] as { head: { repo: { full_name: string } } };
    pull.head.repo.full_name = "contributor/app"; // as GitHub sends a fork's pull request
    const result = await run(event);
    expect(emulator.checkRuns(OWNER, REPO)).toHaveLength(0);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::tasksync: this pull request comes from a fork");
    expect(result.stdout).toContain("Run tasksync on `pull_request_target`");
    expect(result.stdout).not.toContain("Add `checks: write`");
    expect(result.summary).toContain("comes from a fork");
  });

  it("workflow_dispatch: a full reconcile repairs an issue whose title was edited by hand", async () => {
    await start();
    expect((await pushList(LIST)).code).toBe(0);
    const t002 = taskIssue({ emulator, owner: OWNER, repo: REPO }, "T002", PATH);
    emulator.editIssue(OWNER, REPO, t002.number, { title: "renamed by hand" }, "octocat");
    const payload = {
      inputs: {},
      ref: "refs/heads/main",
      workflow: ".github/workflows/tasksync.yml",
      repository: (await lastEvent("push")).payload["repository"],
    };
    const result = await run({ id: "dispatch", name: "workflow_dispatch", payload });
    expect(result.code).toBe(0);
    expect(result.summary).toContain("workflow_dispatch: a full reconcile");
    expect(result.outputs["updated"]).toBe("1");
    expect(emulator.issue(OWNER, REPO, t002.number).title).toBe(t002.title);
  });

  it("issue_comment: `/tasksync sync` runs for a writer and is refused with a reply for a reader", async () => {
    await start();
    expect((await pushList(LIST)).code).toBe(0);
    const tracking = trackingIssue({ emulator, owner: OWNER, repo: REPO }, PATH);
    emulator.setCollaborator(OWNER, REPO, "reader", "read");
    emulator.commentOnIssue(OWNER, REPO, tracking.number, "/tasksync sync", "reader");
    const refused = await run(await lastEvent("issue_comment", "created"));
    expect(refused.code).toBe(0);
    expect(refused.outputs["commented"]).toBe("1");
    expect(emulator.comments(OWNER, REPO, tracking.number).at(-1)?.body).toContain("needs write access");

    emulator.setCollaborator(OWNER, REPO, "writer", "write");
    const comment = emulator.commentOnIssue(OWNER, REPO, tracking.number, "/tasksync sync", "writer");
    const accepted = await run(await lastEvent("issue_comment", "created"));
    expect(accepted.code).toBe(0);
    expect(emulator.reactions(OWNER, REPO, comment.id)).toEqual(["rocket by github-actions[bot]"]);
  });

  it("a token without issues: write fails the step naming the permissions: line, and creates nothing", async () => {
    await start({ metadata: "read", contents: "read", issues: "read", checks: "write", pull_requests: "read" });
    const result = await pushList(LIST);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::tasksync: the workflow's token may not POST \/repos\/\{owner\}\/\{repo\}\/(issues|labels).*Add `issues: write` to the workflow's `permissions:` block/,
    );
    expect(issuesOf({ emulator, owner: OWNER, repo: REPO })).toHaveLength(0);
    expect(result.summary).toContain("[!CAUTION]");
  });
});
