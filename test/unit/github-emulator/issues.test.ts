import { afterEach, describe, expect, it } from "@jest/globals";
import { errorOf, OWNER, REPO, statusOf, world, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const params = { owner: OWNER, repo: REPO };

describe("issues", () => {
  it("creates an issue whose database id is not its number, creating unknown labels", async () => {
    w = await world();
    const res = await w.app.rest.issues.create({
      ...params,
      title: "T001 Do it",
      body: "text",
      labels: ["tasksync", "phase:setup"],
    });
    expect(res.status).toBe(201);
    expect(res.data.number).toBe(1);
    expect(res.data.id).toBeGreaterThan(1_000_000);
    expect(res.data.id).not.toBe(res.data.number);
    expect(res.data.user?.login).toBe("tasksync[bot]");
    expect(res.data.user?.type).toBe("Bot");
    expect(res.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["tasksync", "phase:setup"]);
    expect(res.data.state).toBe("open");
    expect(res.data.state_reason).toBeNull();
    expect(res.data.parent_issue_url).toBeNull();
    expect(res.data.sub_issues_summary).toEqual({ total: 0, completed: 0, percent_completed: 0 });
    expect(w.em.labels(OWNER, REPO).map((l) => [l.name, l.color])).toEqual([
      ["tasksync", "ededed"],
      ["phase:setup", "ededed"],
    ]);
    expect(await statusOf(w.app.rest.issues.create({ ...params, title: "" }))).toBe(422);
  });

  it("updates title, body, labels; closes with state_reason (completed by default) and reopens", async () => {
    w = await world();
    const { data: issue } = await w.app.rest.issues.create({ ...params, title: "a", labels: ["x"] });
    const edited = await w.app.rest.issues.update({
      ...params,
      issue_number: issue.number,
      title: "b",
      body: "B",
      labels: ["y"],
    });
    expect(edited.data).toMatchObject({ title: "b", body: "B" });
    expect(edited.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["y"]);

    const closed = await w.app.rest.issues.update({ ...params, issue_number: issue.number, state: "closed" });
    expect(closed.data.state).toBe("closed");
    expect(closed.data.state_reason).toBe("completed");
    expect(closed.data.closed_at).not.toBeNull();
    expect(closed.data.closed_by?.login).toBe("tasksync[bot]");

    const reopened = await w.app.rest.issues.update({ ...params, issue_number: issue.number, state: "open" });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });

    await w.app.rest.issues.update({
      ...params,
      issue_number: issue.number,
      state: "closed",
      state_reason: "not_planned",
    });
    expect(w.em.issue(OWNER, REPO, issue.number)).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(
      await statusOf(w.app.rest.issues.update({ ...params, issue_number: issue.number, state: "bogus" as "open" })),
    ).toBe(422);
    expect(await statusOf(w.app.rest.issues.get({ ...params, issue_number: 99 }))).toBe(404);
  });

  it("lists by labels (all must match) and state (open by default), since, and includes pull requests", async () => {
    w = await world();
    const mk = (title: string, labels: string[]) => w!.app.rest.issues.create({ ...params, title, labels });
    await mk("one", ["tasksync", "feat:a"]);
    await mk("two", ["tasksync"]);
    const three = await mk("three", ["tasksync", "feat:a"]);
    await w.app.rest.issues.update({ ...params, issue_number: three.data.number, state: "closed" });
    w.em.openPullRequest({ owner: OWNER, repo: REPO, head: "pr", title: "PR", files: { "x.md": "x" } });

    const open = await w.app.rest.issues.listForRepo({ ...params });
    expect(open.data.map((i) => i.title)).toEqual(["PR", "two", "one"]); // newest first
    expect(open.data.find((i) => i.title === "PR")?.pull_request).toBeDefined();
    expect(open.data.find((i) => i.title === "one")?.pull_request).toBeUndefined();

    const feat = await w.app.rest.issues.listForRepo({
      ...params,
      labels: "tasksync,FEAT:A",
      state: "all",
      direction: "asc",
    });
    expect(feat.data.map((i) => i.title)).toEqual(["one", "three"]);
    const closed = await w.app.rest.issues.listForRepo({ ...params, state: "closed" });
    expect(closed.data.map((i) => i.title)).toEqual(["three"]);
    const future = await w.app.rest.issues.listForRepo({
      ...params,
      state: "all",
      since: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(future.data).toEqual([]);
    const past = await w.app.rest.issues.listForRepo({ ...params, state: "all", since: "2000-01-01T00:00:00Z" });
    expect(past.data).toHaveLength(4);
  });

  it("paginates with per_page (max 100) and Link rel=next/last", async () => {
    w = await world();
    for (let i = 0; i < 7; i++) await w.app.rest.issues.create({ ...params, title: `i${i}` });
    const page1 = await w.app.rest.issues.listForRepo({ ...params, per_page: 3 });
    expect(page1.data).toHaveLength(3);
    expect(page1.headers.link).toContain('rel="next"');
    expect(page1.headers.link).toContain(
      'page=3&per_page=3>; rel="last"'.replace("page=3&per_page=3", "per_page=3&page=3"),
    );
    const all = await w.app.paginate(w.app.rest.issues.listForRepo, { ...params, per_page: 3 });
    expect(all.map((i) => i.title).sort()).toEqual(["i0", "i1", "i2", "i3", "i4", "i5", "i6"]);
    const capped = await w.app.rest.issues.listForRepo({ ...params, per_page: 500 });
    expect(capped.data).toHaveLength(7);
    expect(capped.headers.link).toBeUndefined();
    const defaults = await w.app.rest.issues.listForRepo({ ...params, page: 3, per_page: 3 });
    expect(defaults.data).toHaveLength(1);
    expect(defaults.headers.link).toContain('rel="prev"');
  });
});

describe("labels", () => {
  it("creates, rejects duplicates case-insensitively with already_exists, updates and lists", async () => {
    w = await world();
    const created = await w.app.rest.issues.createLabel({
      ...params,
      name: "tasksync",
      color: "0E8A16",
      description: "managed",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "tasksync", color: "0e8a16", description: "managed", default: false });
    const dup = await errorOf(w.app.rest.issues.createLabel({ ...params, name: "TaskSync", color: "000000" }));
    expect(dup.status).toBe(422);
    expect(dup.data["errors"]).toEqual([{ resource: "Label", code: "already_exists", field: "name" }]);
    const updated = await w.app.rest.issues.updateLabel({
      ...params,
      name: "tasksync",
      new_name: "tasksync:managed",
      color: "ffffff",
    });
    expect(updated.data.name).toBe("tasksync:managed");
    expect(await statusOf(w.app.rest.issues.getLabel({ ...params, name: "tasksync" }))).toBe(404);
    for (let i = 0; i < 4; i++) await w.app.rest.issues.createLabel({ ...params, name: `l${i}`, color: "111111" });
    const page = await w.app.rest.issues.listLabelsForRepo({ ...params, per_page: 2 });
    expect(page.data.map((l) => l.name)).toEqual(["tasksync:managed", "l0"]);
    expect(page.headers.link).toContain('rel="next"');
  });

  it("adds and removes labels on an issue", async () => {
    w = await world();
    const { data: issue } = await w.app.rest.issues.create({ ...params, title: "a" });
    const added = await w.app.rest.issues.addLabels({ ...params, issue_number: issue.number, labels: ["p1", "p2"] });
    expect(added.data.map((l) => l.name)).toEqual(["p1", "p2"]);
    const removed = await w.app.rest.issues.removeLabel({ ...params, issue_number: issue.number, name: "p1" });
    expect(removed.data.map((l) => l.name)).toEqual(["p2"]);
    expect(w.em.issue(OWNER, REPO, issue.number).labels).toEqual(["p2"]);
    expect(await statusOf(w.app.rest.issues.removeLabel({ ...params, issue_number: issue.number, name: "p1" }))).toBe(
      404,
    );
  });
});

describe("comments", () => {
  it("creates, lists, edits and deletes comments, and counts them on the issue", async () => {
    w = await world();
    const { data: issue } = await w.app.rest.issues.create({ ...params, title: "a" });
    const c = await w.app.rest.issues.createComment({ ...params, issue_number: issue.number, body: "hello" });
    expect(c.status).toBe(201);
    expect(c.data.user?.login).toBe("tasksync[bot]");
    await w.person.rest.issues.createComment({ ...params, issue_number: issue.number, body: "hi back" });
    expect((await w.app.rest.issues.get({ ...params, issue_number: issue.number })).data.comments).toBe(2);
    const list = await w.app.rest.issues.listComments({ ...params, issue_number: issue.number });
    expect(list.data.map((x) => [x.user?.login, x.body])).toEqual([
      ["tasksync[bot]", "hello"],
      ["mona", "hi back"],
    ]);
    const edited = await w.app.rest.issues.updateComment({ ...params, comment_id: c.data.id, body: "edited" });
    expect(edited.data.body).toBe("edited");
    await w.app.rest.issues.deleteComment({ ...params, comment_id: c.data.id });
    expect(w.em.comments(OWNER, REPO, issue.number).map((x) => x.body)).toEqual(["hi back"]);
    expect(await statusOf(w.app.rest.issues.getComment({ ...params, comment_id: c.data.id }))).toBe(404);
  });
});
