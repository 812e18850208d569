import { afterEach, describe, expect, it } from "@jest/globals";
import { errorOf, OWNER, REPO, statusOf, world, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const params = { owner: OWNER, repo: REPO };

async function issues(n: number): Promise<{ number: number; id: number }[]> {
  const out: { number: number; id: number }[] = [];
  for (let i = 0; i < n; i++) {
    const { data } = await w!.app.rest.issues.create({ ...params, title: `issue ${i + 1}` });
    out.push({ number: data.number, id: data.id });
  }
  return out;
}

describe("sub-issues", () => {
  it("adds by database id (201), sets parent_issue_url and the parent's summary", async () => {
    w = await world();
    const [parent, a, b] = await issues(3);
    const res = await w.app.rest.issues.addSubIssue({ ...params, issue_number: parent!.number, sub_issue_id: a!.id });
    expect(res.status).toBe(201);
    expect(res.data.number).toBe(a!.number);
    expect(res.data.parent_issue_url).toBe(`${w.em.url}/repos/acme/widgets/issues/${parent!.number}`);
    await w.app.rest.issues.addSubIssue({ ...params, issue_number: parent!.number, sub_issue_id: b!.id });
    await w.app.rest.issues.update({ ...params, issue_number: b!.number, state: "closed" });
    const p = await w.app.rest.issues.get({ ...params, issue_number: parent!.number });
    expect(p.data.sub_issues_summary).toEqual({ total: 2, completed: 1, percent_completed: 50 });
    expect(w.em.subIssues(OWNER, REPO, parent!.number).map((i) => i.number)).toEqual([a!.number, b!.number]);
    const parentOfA = await w.app.rest.issues.getParent({ ...params, issue_number: a!.number });
    expect(parentOfA.data.number).toBe(parent!.number);
    expect(await statusOf(w.app.rest.issues.getParent({ ...params, issue_number: parent!.number }))).toBe(404);
  });

  it("422 when the child has a parent (unless replace_parent), the id is unknown, or it is a number mix-up", async () => {
    w = await world();
    const [p1, p2, child] = await issues(3);
    await w.app.rest.issues.addSubIssue({ ...params, issue_number: p1!.number, sub_issue_id: child!.id });
    expect(
      await statusOf(w.app.rest.issues.addSubIssue({ ...params, issue_number: p2!.number, sub_issue_id: child!.id })),
    ).toBe(422);
    expect(
      await statusOf(w.app.rest.issues.addSubIssue({ ...params, issue_number: p1!.number, sub_issue_id: child!.id })),
    ).toBe(422);
    // passing the issue number where the id belongs links nothing
    expect(
      await statusOf(
        w.app.rest.issues.addSubIssue({ ...params, issue_number: p2!.number, sub_issue_id: child!.number }),
      ),
    ).toBe(422);
    const moved = await w.app.rest.issues.addSubIssue({
      ...params,
      issue_number: p2!.number,
      sub_issue_id: child!.id,
      replace_parent: true,
    });
    expect(moved.status).toBe(201);
    expect(w.em.issue(OWNER, REPO, child!.number).parent).toBe(p2!.number);
    expect(w.em.issue(OWNER, REPO, p1!.number).sub_issues).toEqual([]);
    // no cycles: a parent cannot become its child's child
    expect(
      await statusOf(w.app.rest.issues.addSubIssue({ ...params, issue_number: child!.number, sub_issue_id: p2!.id })),
    ).toBe(422);
  });

  it("allows 100 sub-issues per parent and refuses the 101st; lists them paginated", async () => {
    w = await world();
    const [parent, ...children] = await issues(102);
    for (const c of children.slice(0, 100))
      await w.app.rest.issues.addSubIssue({ ...params, issue_number: parent!.number, sub_issue_id: c.id });
    const err = await errorOf(
      w.app.rest.issues.addSubIssue({ ...params, issue_number: parent!.number, sub_issue_id: children[100]!.id }),
    );
    expect(err.status).toBe(422);
    const page = await w.app.rest.issues.listSubIssues({ ...params, issue_number: parent!.number, per_page: 30 });
    expect(page.data).toHaveLength(30);
    expect(page.headers.link).toContain('rel="next"');
    const all = await w.app.paginate(w.app.rest.issues.listSubIssues, {
      ...params,
      issue_number: parent!.number,
      per_page: 100,
    });
    expect(all).toHaveLength(100);
  });

  it("removes with DELETE .../sub_issue (singular) and reorders with PATCH .../sub_issues/priority", async () => {
    w = await world();
    const [parent, a, b, c] = await issues(4);
    for (const x of [a, b, c])
      await w.app.rest.issues.addSubIssue({ ...params, issue_number: parent!.number, sub_issue_id: x!.id });
    await w.app.rest.issues.reprioritizeSubIssue({
      ...params,
      issue_number: parent!.number,
      sub_issue_id: c!.id,
      after_id: a!.id,
    });
    expect(w.em.issue(OWNER, REPO, parent!.number).sub_issues).toEqual([a!.number, c!.number, b!.number]);
    await w.app.rest.issues.reprioritizeSubIssue({
      ...params,
      issue_number: parent!.number,
      sub_issue_id: b!.id,
      before_id: a!.id,
    });
    expect(w.em.issue(OWNER, REPO, parent!.number).sub_issues).toEqual([b!.number, a!.number, c!.number]);
    const removed = await w.app.rest.issues.removeSubIssue({
      ...params,
      issue_number: parent!.number,
      sub_issue_id: a!.id,
    });
    expect(removed.data.number).toBe(a!.number);
    expect(w.em.issue(OWNER, REPO, a!.number).parent).toBeNull();
    expect(w.em.issue(OWNER, REPO, parent!.number).sub_issues).toEqual([b!.number, c!.number]);
    expect(
      await statusOf(
        w.app.rest.issues.removeSubIssue({ ...params, issue_number: parent!.number, sub_issue_id: a!.id }),
      ),
    ).toBe(404);
  });
});

describe("dependencies (blocked by)", () => {
  it("adds a blocker by database id (201 with the blocker) and keeps the summary: open vs total", async () => {
    w = await world();
    const [blocked, x, y] = await issues(3);
    const res = await w.app.rest.issues.addBlockedByDependency({
      ...params,
      issue_number: blocked!.number,
      issue_id: x!.id,
    });
    expect(res.status).toBe(201);
    expect(res.data.number).toBe(x!.number);
    await w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: y!.id });
    await w.app.rest.issues.update({ ...params, issue_number: y!.number, state: "closed" });
    const b = await w.app.rest.issues.get({ ...params, issue_number: blocked!.number });
    expect(b.data.issue_dependencies_summary).toEqual({
      blocked_by: 1,
      blocking: 0,
      total_blocked_by: 2,
      total_blocking: 0,
    });
    const xb = await w.app.rest.issues.get({ ...params, issue_number: x!.number });
    expect(xb.data.issue_dependencies_summary).toEqual({
      blocked_by: 0,
      blocking: 1,
      total_blocked_by: 0,
      total_blocking: 1,
    });
    const list = await w.app.rest.issues.listDependenciesBlockedBy({ ...params, issue_number: blocked!.number });
    expect(list.data.map((i) => i.number)).toEqual([x!.number, y!.number]);
    const blocking = await w.app.rest.issues.listDependenciesBlocking({ ...params, issue_number: x!.number });
    expect(blocking.data.map((i) => i.number)).toEqual([blocked!.number]);
    expect(w.em.blockedBy(OWNER, REPO, blocked!.number).map((i) => i.number)).toEqual([x!.number, y!.number]);
  });

  it("422 for a duplicate, a self-block, an unknown id and above 50; DELETE removes", async () => {
    w = await world();
    const [blocked, x, ...more] = await issues(53);
    await w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: x!.id });
    expect(
      await statusOf(
        w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: x!.id }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: blocked!.id }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: 42 }),
      ),
    ).toBe(422);
    for (const m of more.slice(0, 49))
      await w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: m.id });
    expect(w.em.issue(OWNER, REPO, blocked!.number).blocked_by).toHaveLength(50);
    expect(
      await statusOf(
        w.app.rest.issues.addBlockedByDependency({ ...params, issue_number: blocked!.number, issue_id: more[50]!.id }),
      ),
    ).toBe(422);

    const removed = await w.app.rest.issues.removeDependencyBlockedBy({
      ...params,
      issue_number: blocked!.number,
      issue_id: x!.id,
    });
    expect(removed.data.number).toBe(x!.number);
    expect(w.em.issue(OWNER, REPO, blocked!.number).blocked_by).toHaveLength(49);
    expect(
      await statusOf(
        w.app.rest.issues.removeDependencyBlockedBy({ ...params, issue_number: blocked!.number, issue_id: x!.id }),
      ),
    ).toBe(404);
  });
});
