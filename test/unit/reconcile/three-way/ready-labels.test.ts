/**
 * The ready queue's label, planned: `ready` on exactly the open tasks whose blockers are all done,
 * moved in one update per issue as blockers close (on GitHub or in the file), never touching the
 * labels people added, and nothing planned when it is already right.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { configSchema, defaultConfig, type TasksyncConfig } from "../../../../src/config/schema.js";
import { parseMarker } from "../../../../src/identity/marker.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import { planFile, type Plan } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST, PATH } from "../../../fixtures/photo-albums.js";
import { FakeGitHub, type FakeIssue } from "../fake-github.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const digest = (text: string): string => createHash("sha1").update(text).digest("hex");
const tick = (text: string, id: string): string => text.replace(`- [ ] ${id}`, `- [x] ${id}`);

/** LIST synced; the reconcile is planned as reconcile-file.ts does, at the text given. */
function synced(config: TasksyncConfig = defaultConfig) {
  const gh = new FakeGitHub();
  const texts = new Map<string, string>();
  const plan = (text: string | null): Plan => {
    if (text !== null) texts.set(digest(text), text);
    const observed = gh.observe();
    const tracking = observed.issues.find((i) => i.marker.kind === "tracking");
    const base =
      tracking?.marker.kind === "tracking" && tracking.marker.sha ? texts.get(tracking.marker.sha) : undefined;
    const doc = text === null ? null : parseTaskList(PATH, text);
    const baseline = base === undefined ? null : parseTaskList(PATH, base);
    return planFile({
      path: PATH,
      doc,
      baseline,
      blobSha: text === null ? "" : digest(text),
      commitSha: "c0ffee",
      config,
      ctx,
      observed,
    });
  };
  const issueOf = (kind: string, id: string): FakeIssue => {
    const found = gh.issues.find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === kind && (m.kind === "task" ? m.id === id : m.kind === "phase" ? m.phase === id : true);
    });
    if (!found) throw new Error(`no ${kind} issue ${id}`);
    return found;
  };
  gh.apply(plan(LIST));
  return {
    gh,
    plan,
    task: (id: string) => issueOf("task", id),
    phase: (n: string) => issueOf("phase", n),
    tracking: () => issueOf("tracking", ""),
  };
}

const readyTasks = (gh: FakeGitHub): string[] =>
  gh.issues
    .filter((i) => i.labels.includes("ready"))
    .map((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "task" ? m.id : `${m?.kind}`;
    });

const updatesOf = (plan: Plan, issue: FakeIssue): Operation[] =>
  plan.operations.filter((op) => op.kind === "update-issue" && op.number === issue.number);

describe("the ready label", () => {
  it("goes on exactly the ready tasks at the first sync, never on phase or tracking issues", () => {
    const repo = synced();
    expect(readyTasks(repo.gh)).toEqual(["T001"]);
    expect(repo.gh.labels.get("ready")).toEqual({ name: "ready", color: "0e8a16" });
    expect(repo.plan(LIST).operations).toEqual([]);
  });

  it("moves from a blocker to its dependant when the blocker's issue is closed: the file is ticked first, then one update per issue", () => {
    const repo = synced();
    repo.task("T001").labels.push("needs-design");
    repo.task("T003").labels.push("good first issue");
    Object.assign(repo.task("T001"), { state: "closed", stateReason: "completed" });

    const first = repo.plan(LIST);
    expect(first.operations.map((op) => op.kind)).toEqual(["write-checkboxes"]);

    const second = repo.plan(tick(LIST, "T001")); // the reconcile plans again at the commit it wrote
    expect(updatesOf(second, repo.task("T001"))).toEqual([
      expect.objectContaining({ labels: expect.not.arrayContaining(["ready"]) }),
    ]);
    expect(updatesOf(second, repo.task("T003"))).toEqual([
      expect.objectContaining({ labels: expect.arrayContaining(["ready", "good first issue"]) }),
    ]);
    repo.gh.apply(second);
    expect(readyTasks(repo.gh)).toEqual(["T003"]);
    expect(repo.task("T001").labels).toContain("needs-design");
    expect(repo.task("T003").labels).toContain("good first issue");
    expect(repo.plan(tick(LIST, "T001")).operations).toEqual([]);
  });

  it("counts a closed issue as done before its tick lands (write-back off): the dependant is ready in the same plan", () => {
    const config = configSchema.parse({ writeBack: { enabled: false } });
    const repo = synced(config);
    Object.assign(repo.task("T001"), { state: "closed", stateReason: "completed" });
    const plan = repo.plan(LIST);
    expect(plan.operations.some((op) => op.kind === "write-checkboxes")).toBe(false);
    repo.gh.apply(plan);
    expect(readyTasks(repo.gh)).toEqual(["T003"]);
    expect(repo.tracking().body).toContain(`- #${repo.task("T003").number} T003 Database schema`);
    expect(repo.plan(LIST).operations).toEqual([]);
  });

  it("goes back when the blocker's issue is reopened, and follows a tick made in the file", () => {
    const repo = synced();
    repo.gh.apply(repo.plan(tick(LIST, "T001")));
    expect(readyTasks(repo.gh)).toEqual(["T003"]);
    expect(repo.task("T001").state).toBe("closed");

    Object.assign(repo.task("T001"), { state: "open", stateReason: "reopened" });
    expect(repo.plan(tick(LIST, "T001")).operations.map((op) => op.kind)).toEqual(["write-checkboxes"]);
    repo.gh.apply(repo.plan(LIST));
    expect(readyTasks(repo.gh)).toEqual(["T001"]);
  });

  it("is taken off a task that gains an open blocker, and off phase issues, where only tasksync puts it", () => {
    const repo = synced();
    repo.gh.apply(repo.plan(tick(tick(tick(LIST, "T001"), "T003"), "T004")));
    expect(readyTasks(repo.gh)).toEqual(["T005"]);
    repo.phase("1").labels.push("ready");
    const blocked = tick(tick(tick(LIST, "T001"), "T003"), "T004").replace(
      "- [ ] T005 [US1] Upload UI (depends on T004)",
      "- [ ] T005 [US1] Upload UI (depends on T004, T006)\n- [ ] T006 [US1] Resize photos",
    );
    const plan = repo.plan(blocked);
    repo.gh.apply(plan);
    expect(readyTasks(repo.gh)).toEqual(["T006"]);
    expect(updatesOf(plan, repo.phase("1"))).toEqual([
      expect.objectContaining({ labels: expect.not.arrayContaining(["ready"]) }),
    ]);
  });

  it("counts a dropped task as settled: it never carries the label, and what waits on it is ready", () => {
    const repo = synced();
    const dropped = tick(LIST, "T003").replace(
      "- [ ] T001 Create project structure",
      "- [~] T001 Create project structure, DROPPED",
    );
    repo.gh.apply(repo.plan(dropped));
    expect(repo.task("T001").state).toBe("closed");
    expect(readyTasks(repo.gh)).toEqual(["T004"]); // phases 1 and 2 settled; T005 waits for T004
  });

  it("does not offer a task the list's errors hold back, and the tracking issue stays stable", () => {
    const repo = synced();
    const broken = LIST.replace(
      "- [ ] T001 Create project structure",
      "- [ ] T001 Create project structure (depends on T099)",
    );
    repo.gh.apply(repo.plan(broken));
    expect(repo.tracking().body).not.toContain("{{tasksync-issue:");
    expect(repo.tracking().body).toContain("**Ready now:** nothing");
    expect(repo.plan(broken).operations).toEqual([]);
  });

  it("leaves a removed task's issue without it when it closes", () => {
    const repo = synced();
    const t001 = repo.task("T001");
    repo.gh.apply(repo.plan(LIST.replace("- [ ] T001 Create project structure\n", "")));
    expect(t001.state).toBe("closed");
    expect(t001.labels).not.toContain("ready");
  });

  it("can be turned off: no label, and a `ready` label people use stays theirs", () => {
    const repo = synced(configSchema.parse({ labels: { ready: { enabled: false } } }));
    expect(readyTasks(repo.gh)).toEqual([]);
    expect(repo.gh.labels.has("ready")).toBe(false);
    repo.task("T004").labels.push("ready");
    expect(repo.plan(LIST).operations).toEqual([]);
  });

  it("takes its name and colour from the configuration", () => {
    const repo = synced(configSchema.parse({ labels: { ready: { name: "status: ready", color: "#00ff00" } } }));
    expect(repo.gh.labels.get("status: ready")).toEqual({ name: "status: ready", color: "00ff00" });
    expect(repo.task("T001").labels).toContain("status: ready");
  });
});

describe("the ready label and issues closed as not planned", () => {
  it("leaves the closed task's issue, but does not unblock what waits on it (the gates count it open too)", () => {
    const repo = synced(configSchema.parse({ writeBack: { onNotPlanned: "keep" } }));
    Object.assign(repo.task("T001"), { state: "closed", stateReason: "not_planned" });
    const plan = repo.plan(LIST);
    expect(plan.operations.some((op) => op.kind === "write-checkboxes")).toBe(false);
    repo.gh.apply(plan);
    expect(readyTasks(repo.gh)).toEqual([]);
    expect(repo.tracking().body).toContain("**Ready now:** nothing: every open task waits on another.");
  });

  it("unblocks them when such a close ticks the line (onNotPlanned: tick)", () => {
    const repo = synced(configSchema.parse({ writeBack: { onNotPlanned: "tick", enabled: false } }));
    Object.assign(repo.task("T001"), { state: "closed", stateReason: "not_planned" });
    repo.gh.apply(repo.plan(LIST));
    expect(readyTasks(repo.gh)).toEqual(["T003"]);
  });
});
