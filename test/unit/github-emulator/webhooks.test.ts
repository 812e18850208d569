import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "@jest/globals";
import { Webhooks } from "@octokit/webhooks";
import { b64, missingKeys, OWNER, REPO, webhookExample, world, type World } from "./setup.js";

const SECRET = "s3cret";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: Record<string, unknown>;
}

let w: World | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
  receiver?.closeAllConnections();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  receiver = undefined;
});

async function receive(status: (r: Received) => number = () => 200): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const r = { headers: req.headers, body, payload: JSON.parse(body) as Record<string, unknown> };
      got.push(r);
      res.statusCode = status(r);
      res.end();
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/github/webhooks`, got };
}

const params = { owner: OWNER, repo: REPO };
const names = (got: Received[]) =>
  got.map((g) => `${g.headers["x-github-event"]}${g.payload["action"] ? `.${String(g.payload["action"])}` : ""}`);

describe("webhook delivery", () => {
  it("signs the exact body with X-Hub-Signature-256 and sends GitHub's headers", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    await w.em.webhooksDelivered();
    expect(names(got)).toEqual(["installation.created"]);
    const h = got[0]!.headers;
    expect(await new Webhooks({ secret: SECRET }).verify(got[0]!.body, String(h["x-hub-signature-256"]))).toBe(true);
    expect(await new Webhooks({ secret: "wrong" }).verify(got[0]!.body, String(h["x-hub-signature-256"]))).toBe(false);
    expect(h["content-type"]).toBe("application/json");
    expect(h["user-agent"]).toMatch(/^GitHub-Hookshot\//);
    expect(h["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(h["x-github-hook-id"]).toBeDefined();
    expect(w.em.deliveries().map((d) => [d.event, d.status])).toEqual([["installation", 200]]);
  });

  it("installation.created carries the installation, app and repositories", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    await w.em.webhooksDelivered();
    const p = got[0]!.payload;
    const example = webhookExample("installation", (e) => e["action"] === "created");
    expect(missingKeys(p, example)).toEqual([]);
    expect(missingKeys(p["installation"], example["installation"])).toEqual([]);
    expect(p["installation"]).toMatchObject({
      id: w.installationId,
      app_id: 1,
      app_slug: "tasksync",
      account: { login: "acme" },
    });
    expect(p["repositories"]).toEqual([expect.objectContaining({ full_name: "acme/widgets", name: "widgets" })]);
  });

  it("push through the Contents API: the bot is the sender; commits list added/modified/removed", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET, files: { "tasks.md": "- [ ] a\n" } });
    const before = w.em.branchSha(OWNER, REPO)!;
    const file = (await w.app.rest.repos.getContent({ ...params, path: "tasks.md" })).data as { sha: string };
    const put = await w.app.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "tasks.md",
      message: "tick",
      content: b64("- [x] a\n"),
      sha: file.sha,
    });
    await w.em.webhooksDelivered();
    const push = got.find((g) => g.headers["x-github-event"] === "push")!.payload;
    const example = webhookExample("push", (e) => String(e["ref"]).startsWith("refs/heads/"));
    expect(missingKeys(push, example)).toEqual([]);
    expect(missingKeys(push["repository"], example["repository"])).toEqual([]);
    expect(missingKeys((push["commits"] as object[])[0], (example["commits"] as object[])[0])).toEqual([]);
    expect(push).toMatchObject({
      ref: "refs/heads/main",
      before,
      after: put.data.commit.sha,
      created: false,
      deleted: false,
      sender: { login: "tasksync[bot]", type: "Bot" },
      installation: { id: w.installationId },
      repository: { full_name: "acme/widgets", default_branch: "main" },
    });
    expect(push["commits"]).toEqual([
      expect.objectContaining({
        id: put.data.commit.sha,
        message: "tick",
        added: [],
        removed: [],
        modified: ["tasks.md"],
      }),
    ]);
  });

  it("push from the commit helper, as a person, with deletes and a new branch", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET, files: { "a.md": "a", "b.md": "b" } });
    const sha = w.em.commit({
      owner: OWNER,
      repo: REPO,
      files: { "a.md": null, "c.md": "c", "b.md": "B" },
      author: "mona",
      message: "change",
    });
    w.em.createBranch(OWNER, REPO, "feature");
    await w.em.webhooksDelivered();
    const pushes = got.filter((g) => g.headers["x-github-event"] === "push").map((g) => g.payload);
    expect(pushes[0]).toMatchObject({ after: sha, sender: { login: "mona", type: "User" }, pusher: { name: "mona" } });
    expect((pushes[0]!["commits"] as Record<string, unknown>[])[0]).toMatchObject({
      added: ["c.md"],
      removed: ["a.md"],
      modified: ["b.md"],
    });
    expect(pushes[1]).toMatchObject({
      ref: "refs/heads/feature",
      created: true,
      before: "0".repeat(40),
      after: sha,
      commits: [],
    });
    const onBranch = w.em.commit({ owner: OWNER, repo: REPO, branch: "feature", files: { "d.md": "d" } });
    await w.em.webhooksDelivered();
    const last = got.at(-1)!.payload;
    expect(last).toMatchObject({ ref: "refs/heads/feature", created: false, before: sha, after: onBranch });
    expect((last["commits"] as { id: string }[]).map((c) => c.id)).toEqual([onBranch]);
  });

  it("issues opened/edited/closed/reopened with state_reason and changes; issue_comment created", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    const { data: issue } = await w.app.rest.issues.create({ ...params, title: "T1" });
    w.em.editIssue(OWNER, REPO, issue.number, { title: "T1 renamed" }, "mona");
    w.em.closeIssue(OWNER, REPO, issue.number, "not_planned", "mona");
    w.em.reopenIssue(OWNER, REPO, issue.number, "mona");
    w.em.commentOnIssue(OWNER, REPO, issue.number, "/tasksync sync", "mona");
    await w.em.webhooksDelivered();
    expect(names(got)).toEqual([
      "installation.created",
      "issues.opened",
      "issues.edited",
      "issues.closed",
      "issues.reopened",
      "issue_comment.created",
    ]);
    const [, opened, edited, closed, reopened, comment] = got.map((g) => g.payload);
    const example = webhookExample("issues", (e) => e["action"] === "opened");
    expect(missingKeys(opened, example)).toEqual([]);
    // the example issue carries `draft`, which GitHub sends only for pull requests
    expect(missingKeys(opened!["issue"], example["issue"], ["draft"])).toEqual([]);
    expect(opened).toMatchObject({ sender: { login: "tasksync[bot]" }, issue: { number: issue.number, id: issue.id } });
    expect(edited).toMatchObject({ changes: { title: { from: "T1" } }, sender: { login: "mona" } });
    expect(closed).toMatchObject({ issue: { state: "closed", state_reason: "not_planned" } });
    expect(reopened).toMatchObject({ issue: { state: "open", state_reason: "reopened" } });
    const commentExample = webhookExample("issue_comment", (e) => e["action"] === "created");
    expect(missingKeys(comment, commentExample)).toEqual([]);
    expect(missingKeys(comment!["comment"], commentExample["comment"])).toEqual([]);
    expect(comment).toMatchObject({ comment: { body: "/tasksync sync", user: { login: "mona" } } });
  });

  it("pull_request opened/synchronize/edited with before/after and head/base", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    const n = w.em.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "f",
      title: "PR",
      body: "Closes #1",
      files: { "x.md": "x" },
    });
    const before = w.em.branchSha(OWNER, REPO, "f")!;
    const after = w.em.pushToPullRequest({ owner: OWNER, repo: REPO, number: n, files: { "y.md": "y" } });
    await w.person.rest.pulls.update({ ...params, pull_number: n, body: "Closes #2" });
    await w.em.webhooksDelivered();
    const prs = got.filter((g) => g.headers["x-github-event"] === "pull_request").map((g) => g.payload);
    expect(prs.map((p) => p["action"])).toEqual(["opened", "synchronize", "edited"]);
    const example = webhookExample("pull_request", (e) => e["action"] === "synchronize");
    expect(missingKeys(prs[1], example)).toEqual([]);
    expect(missingKeys(prs[1]!["pull_request"], example["pull_request"])).toEqual([]);
    expect(prs[0]).toMatchObject({
      number: n,
      pull_request: { head: { ref: "f", sha: before }, base: { ref: "main" }, body: "Closes #1" },
    });
    expect(prs[1]).toMatchObject({ before, after, pull_request: { head: { sha: after } } });
    expect(prs[2]).toMatchObject({ changes: { body: { from: "Closes #1" } }, sender: { login: "mona" } });
  });

  it("pull_request reopened and ready_for_review; installation_repositories added", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    const n = w.em.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "f",
      title: "PR",
      draft: true,
      files: { "x.md": "x" },
    });
    await w.person.rest.pulls.update({ ...params, pull_number: n, state: "closed" });
    await w.person.rest.pulls.update({ ...params, pull_number: n, state: "open" });
    w.em.markPullRequestReady(OWNER, REPO, n);
    w.em.createRepo({ owner: OWNER, name: "second" });
    w.em.addRepositoriesToInstallation(w.installationId, ["second"]);
    await w.em.webhooksDelivered();
    expect(names(got).slice(1)).toEqual([
      "push",
      "push",
      "pull_request.opened",
      "pull_request.closed",
      "pull_request.reopened",
      "pull_request.ready_for_review",
      "installation_repositories.added",
    ]);
    expect(got.at(-2)!.payload).toMatchObject({ pull_request: { draft: false } });
    const added = got.at(-1)!.payload;
    expect(
      missingKeys(
        added,
        webhookExample("installation_repositories", (e) => e["action"] === "added"),
      ),
    ).toEqual([]);
    expect(added["repositories_added"]).toEqual([expect.objectContaining({ full_name: "acme/second" })]);
    expect((await w.app.rest.repos.get({ owner: OWNER, repo: "second" })).status).toBe(200);
  });

  it("check_run rerequested carries the check run, its suite's head branch and pull requests", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    const n = w.em.openPullRequest({ owner: OWNER, repo: REPO, head: "f", title: "PR", files: { "x.md": "x" } });
    const head = w.em.branchSha(OWNER, REPO, "f")!;
    const run = await w.app.rest.checks.create({
      ...params,
      name: "tasksync",
      head_sha: head,
      conclusion: "success",
      output: { title: "ok", summary: "ok" },
    });
    w.em.rerequestCheckRun(run.data.id, "mona");
    await w.em.webhooksDelivered();
    const rr = got.find(
      (g) => g.headers["x-github-event"] === "check_run" && g.payload["action"] === "rerequested",
    )!.payload;
    const example = webhookExample("check_run", (e) => e["action"] === "rerequested");
    expect(missingKeys(rr, example, ["organization"])).toEqual([]);
    expect(missingKeys(rr["check_run"], example["check_run"])).toEqual([]);
    expect(rr).toMatchObject({
      check_run: {
        id: run.data.id,
        name: "tasksync",
        head_sha: head,
        check_suite: { head_branch: "f" },
        pull_requests: [{ number: n }],
      },
      sender: { login: "mona" },
    });
  });

  it("sends nothing for repositories the app is not installed on, nor for events it did not subscribe to", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    w.em.createRepo({ owner: "other", name: "elsewhere", files: { "a.md": "a" } });
    w.em.commit({ owner: "other", repo: "elsewhere", files: { "b.md": "b" } });
    w.em.createRepo({ owner: "quiet", name: "q" });
    w.em.install({ account: "quiet", repos: ["q"], events: ["push"] });
    w.em.createIssue("quiet", "q", { title: "no webhook" });
    w.em.commit({ owner: "quiet", repo: "q", files: { "a.md": "a" } });
    await w.em.webhooksDelivered();
    expect(names(got)).toEqual(["installation.created", "installation.created", "push"]);
  });

  it("records each delivery's HTTP status", async () => {
    const { url } = await receive((r) => (r.payload["action"] === "opened" ? 500 : 202));
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    await w.app.rest.issues.create({ ...params, title: "x" });
    await w.em.webhooksDelivered();
    expect(w.em.deliveries().map((d) => [d.event, d.action, d.status])).toEqual([
      ["installation", "created", 202],
      ["issues", "opened", 500],
    ]);
  });

  it("delivers in-process to onWebhook instead of a URL", async () => {
    const events: string[] = [];
    w = await world({ onWebhook: (e) => void events.push(`${e.name}.${String(e.payload["action"])}`) });
    await w.app.rest.issues.create({ ...params, title: "x" });
    await w.em.webhooksDelivered();
    expect(events).toEqual(["installation.created", "issues.opened"]);
  });
});

describe("webhook faults", () => {
  it("deliverTwice sends every webhook twice with the same delivery id", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    await w.em.webhooksDelivered();
    w.em.deliverTwice();
    await w.app.rest.issues.create({ ...params, title: "x" });
    await w.em.webhooksDelivered();
    const opened = got.filter((g) => g.payload["action"] === "opened");
    expect(opened).toHaveLength(2);
    expect(opened[0]!.headers["x-github-delivery"]).toBe(opened[1]!.headers["x-github-delivery"]);
    expect(opened[0]!.body).toBe(opened[1]!.body);
    expect(
      w.em
        .deliveries()
        .filter((d) => d.action === "opened")
        .map((d) => d.attempt),
    ).toEqual([1, 2]);
  });

  it("deliverOutOfOrder holds webhooks and releases them reversed", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    await w.em.webhooksDelivered();
    w.em.deliverOutOfOrder();
    w.em.commit({ owner: OWNER, repo: REPO, files: { "a.md": "1" }, message: "first" });
    w.em.commit({ owner: OWNER, repo: REPO, files: { "a.md": "2" }, message: "second" });
    await w.em.webhooksDelivered();
    expect(got).toHaveLength(1); // only installation.created so far
    w.em.flushWebhooks();
    await w.em.webhooksDelivered();
    const messages = got.slice(1).map((g) => (g.payload["head_commit"] as { message: string }).message);
    expect(messages).toEqual(["second", "first"]);
    // with a batch size, release happens on its own
    w.em.deliverOutOfOrder(true, 2);
    w.em.commit({ owner: OWNER, repo: REPO, files: { "a.md": "3" }, message: "third" });
    w.em.commit({ owner: OWNER, repo: REPO, files: { "a.md": "4" }, message: "fourth" });
    await w.em.webhooksDelivered();
    expect(got.slice(3).map((g) => (g.payload["head_commit"] as { message: string }).message)).toEqual([
      "fourth",
      "third",
    ]);
  });

  it("pauseWebhooks holds deliveries until flushWebhooks, in order", async () => {
    const { url, got } = await receive();
    w = await world({ webhookUrl: url, webhookSecret: SECRET });
    await w.em.webhooksDelivered();
    w.em.pauseWebhooks();
    await w.app.rest.issues.create({ ...params, title: "a" });
    await w.app.rest.issues.create({ ...params, title: "b" });
    await w.em.webhooksDelivered();
    expect(got).toHaveLength(1);
    w.em.flushWebhooks();
    await w.em.webhooksDelivered();
    expect(got.slice(1).map((g) => (g.payload["issue"] as { title: string }).title)).toEqual(["a", "b"]);
  });
});
