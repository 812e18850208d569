import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { defaultConfig, type TasksyncConfig } from "../../../../src/config/schema.js";
import { parseMarker } from "../../../../src/identity/marker.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import { planFile, type Plan } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST_WITH_POLISH as LIST, PATH } from "../../../fixtures/photo-albums.js";
import { FakeGitHub } from "../fake-github.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };

/** Plans one file the way reconcile does: the baseline is the text the tracking issue recorded. */
class Repo {
  readonly gh = new FakeGitHub();
  private readonly texts = new Map<string, string>();
  constructor(private readonly config: TasksyncConfig = defaultConfig) {}

  plan(text: string | null, path = PATH): Plan {
    const sha = text === null ? "" : createHash("sha1").update(text).digest("hex");
    if (text !== null) this.texts.set(sha, text);
    const observed = this.gh.observe();
    const tracking = observed.issues.find((i) => i.marker.kind === "tracking" && i.marker.path === path);
    const recorded = tracking?.marker.kind === "tracking" ? tracking.marker.sha : undefined;
    const baselineText = recorded === undefined ? undefined : this.texts.get(recorded);
    return planFile({
      path,
      doc: text === null ? null : parseTaskList(path, text),
      baseline: baselineText === undefined ? null : parseTaskList(path, baselineText),
      blobSha: sha,
      commitSha: "c0ffee",
      config: this.config,
      ctx,
      observed,
    });
  }

  sync(text: string | null, path = PATH): Plan {
    const plan = this.plan(text, path);
    this.gh.apply(plan);
    return plan;
  }

  task(id: string, path = PATH) {
    const issue = this.gh.issues.find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "task" && m.id === id && m.path === path;
    });
    if (!issue) throw new Error(`no issue for ${id}`);
    return issue;
  }

  phase(n: string) {
    const issue = this.gh.issues.find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "phase" && m.phase === n;
    });
    if (!issue) throw new Error(`no phase issue ${n}`);
    return issue;
  }
}

const kinds = (ops: Operation[]): Record<string, number> =>
  ops.reduce<Record<string, number>>((acc, op) => ({ ...acc, [op.kind]: (acc[op.kind] ?? 0) + 1 }), {});

describe("planFile: first sync", () => {
  it("plans a tracking issue, a phase issue per phase and an issue per task, with links", () => {
    const repo = new Repo();
    const plan = repo.plan(LIST);
    expect(kinds(plan.operations)).toEqual({
      "ensure-label": 11, // with "ready" (T001 can start)
      "create-issue": 11,
      "update-issue": 2, // close T002 (ticked), record the tracking baseline
      "add-sub-issue": 10,
      "add-blocked-by": 4, // T005←T004, and three phase edges
    });
    const order = plan.operations.map((o) => o.kind);
    expect(order.indexOf("create-issue")).toBeGreaterThan(order.lastIndexOf("ensure-label"));
    expect(order.indexOf("add-sub-issue")).toBeGreaterThan(order.lastIndexOf("create-issue"));
    expect(plan.operations.at(-1)).toMatchObject({ kind: "update-issue", key: `${PATH}#feature` });
  });

  it("makes the issues carry the task's text, labels, parent and blockers", () => {
    const repo = new Repo();
    repo.sync(LIST);
    const t004 = repo.task("T004");
    const t005 = repo.task("T005");
    expect(t004.title).toBe("T004 Upload endpoint in `backend/app.py`");
    expect(t004.labels.sort()).toEqual([
      "feature: 001-photo-albums",
      "mvp",
      "parallel",
      "phase: 3",
      "priority: P1",
      "story: US1",
      "tasksync",
    ]);
    expect(t004.body).toContain("https://github.com/o/r/blob/main/backend/app.py");
    expect(t004.body).toContain(`https://github.com/o/r/blob/main/${PATH}#L14`);
    expect(t004.parent).toBe(repo.phase("3").number);
    expect(t005.blockedBy).toEqual([t004.number]);
    expect(repo.phase("3").blockedBy).toEqual([repo.phase("2").number]);
    expect(repo.task("T002").state).toBe("closed");
    expect(repo.task("T001").state).toBe("open");
  });

  it("is idempotent: planning again after applying gives an empty plan", () => {
    const repo = new Repo();
    repo.sync(LIST);
    expect(repo.plan(LIST).operations).toEqual([]);
  });
});

describe("planFile: changes", () => {
  it.each([
    ["tick", (t: string) => t.replace("- [ ] T001", "- [x] T001"), { T001: "closed" }],
    ["untick", (t: string) => t.replace("- [x] T002", "- [ ] T002"), { T002: "open" }],
  ])("%s drives the task issue's state, and the phase follows", (_name, edit, states) => {
    const repo = new Repo();
    repo.sync(LIST);
    repo.sync(edit(LIST));
    for (const [id, state] of Object.entries(states)) expect(repo.task(id).state).toBe(state);
    const phase1Done = edit(LIST).includes("- [x] T001") && edit(LIST).includes("- [x] T002");
    expect(repo.phase("1").state).toBe(phase1Done ? "closed" : "open");
    expect(repo.plan(edit(LIST)).operations).toEqual([]);
  });

  it("never reopens an issue someone closed when its box did not change", () => {
    const repo = new Repo();
    repo.sync(LIST);
    repo.task("T003").state = "closed";
    const plan = repo.sync(LIST.replace("Write the docs", "Write the user docs"));
    expect(plan.operations.filter((o) => o.kind === "update-issue" && o.key.endsWith("#T003"))).toEqual([]);
    expect(repo.task("T003").state).toBe("closed");
  });

  it("updates only the issue whose task text changed", () => {
    const repo = new Repo();
    repo.sync(LIST);
    const plan = repo.plan(LIST.replace("Write the docs", "Write the user docs"));
    const issueUpdates = plan.operations.filter((o) => o.kind === "update-issue");
    expect(issueUpdates.map((o) => o.key)).toEqual([`${PATH}#T006`, `${PATH}#feature`]);
    expect(issueUpdates[0]).toMatchObject({ title: "T006 Write the user docs" });
  });

  it("closes a removed task as not planned with a comment, and reopens it when it comes back", () => {
    const repo = new Repo();
    repo.sync(LIST);
    const without = LIST.replace("- [ ] T006 Write the docs\n", "");
    const plan = repo.sync(without);
    expect(plan.operations.filter((o) => o.kind === "comment")).toHaveLength(1);
    expect(repo.task("T006")).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect(repo.task("T006").comments[0]?.body).toContain("c0ffee");
    expect(repo.phase("4")).toMatchObject({ state: "closed", stateReason: "not_planned" });
    repo.sync(LIST);
    expect(repo.task("T006").state).toBe("open");
    expect(repo.phase("4").state).toBe("open");
    expect(repo.plan(LIST).operations).toEqual([]);
  });

  it("leaves removed tasks open when configured to", () => {
    const repo = new Repo({ ...defaultConfig, issues: { ...defaultConfig.issues, onRemoved: "leave-open" } });
    repo.sync(LIST);
    repo.sync(LIST.replace("- [ ] T006 Write the docs\n", ""));
    expect(repo.task("T006").state).toBe("open");
  });

  it("keeps every issue when a regenerated list shifts the ids", () => {
    const repo = new Repo();
    repo.sync(LIST);
    const texts: Record<string, string> = {
      T001: "Create project structure",
      T003: "Database schema",
      T004: "Upload endpoint",
      T005: "Upload UI",
      T006: "Write the docs",
    };
    const numbers = new Map(Object.keys(texts).map((id) => [repo.task(id).number, id]));
    const shifted = LIST.replace(
      "- [ ] T001 Create project structure",
      "- [ ] T001 Choose a licence\n- [ ] T002 Create project structure",
    )
      .replace("- [x] T002 [P] Configure", "- [x] T003 [P] Configure")
      .replace("T003 Database", "T004 Database")
      .replace("T004 [P] [US1] Upload endpoint", "T005 [P] [US1] Upload endpoint")
      .replace("T005 [US1] Upload UI (depends on T004)", "T006 [US1] Upload UI (depends on T005)")
      .replace("T006 Write the docs", "T007 Write the docs");
    const plan = repo.sync(shifted);
    expect(plan.operations.filter((o) => o.kind === "create-issue")).toHaveLength(1);
    for (const [number, oldId] of numbers) {
      const issue = repo.gh.byNumber(number);
      expect(issue.title).toContain(texts[oldId]);
      expect(issue.title.startsWith(oldId)).toBe(false);
      expect(issue.state).toBe("open");
    }
    expect(repo.task("T002").number).toBe([...numbers].find(([, id]) => id === "T001")?.[0]);
    expect(repo.task("T006").blockedBy).toEqual([repo.task("T005").number]);
    expect(repo.plan(shifted).operations).toEqual([]);
  });

  it("links a shifted task's issue, not the removed task's issue that carried the same id", () => {
    const repo = new Repo();
    const before = ["# Tasks: Ids", "", "## Phase 1: Setup", "", "- [ ] T001 Alpha", "- [ ] T002 Beta", ""].join("\n");
    repo.sync(before);
    const alpha = repo.task("T001").number;
    const beta = repo.task("T002").number;
    // "Alpha" is gone; "Beta" moves up to T001; a new T002 waits for it.
    const after = [
      "# Tasks: Ids",
      "",
      "## Phase 1: Setup",
      "",
      "- [ ] T001 Beta",
      "- [ ] T002 Gamma (depends on T001)",
      "",
    ].join("\n");
    repo.sync(after);
    expect(parseMarker(repo.gh.byNumber(beta).body)).toMatchObject({ kind: "task", id: "T001" });
    expect(parseMarker(repo.gh.byNumber(alpha).body)).toMatchObject({ kind: "task", id: "T001", removed: true });
    expect(repo.gh.byNumber(alpha).state).toBe("closed");
    expect(repo.gh.byNumber(alpha).comments).toHaveLength(1);
    expect(repo.gh.byNumber(beta).state).toBe("open");
    expect(repo.gh.byNumber(beta).comments).toHaveLength(0);
    expect(repo.task("T002").blockedBy).toEqual([beta]);
    expect(repo.plan(after).operations).toEqual([]);
  });

  it("keeps the issues of two features with the same ids apart", () => {
    const repo = new Repo();
    repo.sync(LIST);
    const other = "specs/002-sharing/tasks.md";
    const plan = repo.sync(LIST.replace("Photo albums", "Sharing"), other);
    expect(plan.operations.filter((o) => o.kind === "create-issue")).toHaveLength(11);
    expect(repo.task("T001", other).number).not.toBe(repo.task("T001").number);
  });
});

describe("planFile: limits and errors", () => {
  it("splits a phase of 150 tasks into phase issues of at most 100 sub-issues", () => {
    const tasks = Array.from(
      { length: 150 },
      (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")} Task number ${i + 1}`,
    );
    const text = `# Tasks: Big\n\n## Phase 1: Setup\n\n${tasks.join("\n")}\n`;
    const repo = new Repo();
    repo.sync(text);
    const part1 = repo.phase("1");
    const part2 = repo.phase("1/2");
    expect(repo.gh.issues.filter((i) => i.parent === part1.number)).toHaveLength(100);
    expect(repo.gh.issues.filter((i) => i.parent === part2.number)).toHaveLength(50);
    const tracking = repo.gh.issues.find((i) => i.body.includes('"kind":"tracking"'));
    expect(tracking?.body).toContain("split into 2 phase issues");
    expect(repo.plan(text).operations).toEqual([]);
  });

  it("links a task with more than 50 blockers at phase level and says so", () => {
    const blockers = Array.from({ length: 51 }, (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")} Piece ${i + 1}`);
    const text = `# Tasks: Wide\n\n## Phase 1: Setup\n\n${blockers.join("\n")}\n- [ ] T052 Assemble (depends on T001-T051)\n`;
    const repo = new Repo();
    repo.sync(text);
    expect(repo.task("T052").blockedBy).toEqual([]);
    expect(repo.task("T052").body).toContain("not all linked to it");
  });

  it("on a first sync with a duplicate id, creates every other task and one diagnostics comment, updated in place", () => {
    const bad = LIST.replace("- [ ] T006 Write the docs", "- [ ] T005 Write the docs");
    const repo = new Repo();
    const plan = repo.sync(bad);
    expect(plan.held).toEqual(["T005"]);
    expect(kinds(plan.operations)).toMatchObject({ "create-issue": 8, comment: 1 }); // tracking, 3 phases (Polish holds no task now), T001-T004
    expect(() => repo.task("T005")).toThrow();
    const tracking = repo.gh.issues[0];
    expect(tracking?.comments[0]?.body).toContain("**T005** (lines 15 and 19): duplicate task id T005");
    expect(repo.plan(bad).operations).toEqual([]);
    const worse = bad.replace("- [ ] T001 Create", "- [ ] T002 Create");
    const second = repo.sync(worse);
    expect(second.held).toEqual(["T002", "T005"]);
    expect(kinds(second.operations)).toMatchObject({ "update-comment": 1 });
    expect(repo.task("T001").state).toBe("open"); // its line may be the duplicate: not closed as removed
    expect(tracking?.comments).toHaveLength(1);
    repo.sync(LIST);
    expect(tracking?.comments[0]?.body).toContain("parses cleanly again");
    expect(repo.gh.issues).toHaveLength(11);
  });

  it("closes everything as not planned when the task list is deleted", () => {
    const repo = new Repo();
    repo.sync(LIST);
    repo.sync(null);
    expect(repo.gh.issues.filter((i) => i.state === "open")).toEqual([]);
    expect(repo.task("T001").stateReason).toBe("not_planned");
  });

  it("closes a dropped task's issue as not planned, unlinks it as a blocker, and leaves a person's later reopen alone", () => {
    const repo = new Repo();
    repo.sync(LIST);
    const t004 = repo.task("T004");
    expect(repo.task("T005").blockedBy).toContain(t004.number);
    const dropped = LIST.replace(
      "- [ ] T004 [P] [US1] Upload endpoint",
      "- [~] T004 [P] [US1] ~~Upload endpoint~~ DROPPED",
    );
    expect(parseTaskList(PATH, dropped).tasks.find((t) => t.id === "T004")?.status).toBe("dropped");
    const plan = repo.sync(dropped);
    expect(repo.task("T004")).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect(plan.operations).toContainEqual(expect.objectContaining({ kind: "remove-blocked-by", key: `${PATH}#T005` }));
    expect(repo.task("T005").blockedBy).not.toContain(t004.number);
    repo.gh.issues.find((i) => i.number === t004.number)!.state = "open"; // a person reopens it
    const again = repo.plan(dropped).operations;
    expect(again.filter((o) => o.kind === "update-issue" && o.key === `${PATH}#T004` && o.state !== undefined)).toEqual(
      [],
    );
  });
});
