/**
 * The two-way reconcile's planning, pure: per task, the file now, the issue now and the recorded
 * base decide whether the file follows the issue, the issue follows the file, or nothing moves.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { defaultConfig, type TasksyncConfig } from "../../../../src/config/schema.js";
import { observedStatesDigest } from "../../../../src/reconcile/three-way/issue-states.js";
import { planFile, type Plan } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST, PATH } from "../../../fixtures/photo-albums.js";
import { FakeGitHub, type FakeIssue } from "../fake-github.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const sha = (text: string): string => createHash("sha1").update(text).digest("hex");

/** A repository synced to LIST, whose issues a person may then close or reopen. */
class Synced {
  readonly gh = new FakeGitHub();
  private readonly texts = new Map<string, string>();

  constructor(private readonly config: TasksyncConfig = defaultConfig) {
    this.gh.apply(this.plan(LIST));
  }

  plan(text: string): Plan {
    this.texts.set(sha(text), text);
    const all = this.gh.observe();
    const observed = { ...all, issues: all.issues.filter((i) => i.labels.includes("tasksync")) }; // GitHub is listed by label
    const tracking = observed.issues.find((i) => i.marker.kind === "tracking");
    const recorded = tracking?.marker.kind === "tracking" ? tracking.marker.sha : undefined;
    const base = recorded === undefined ? undefined : this.texts.get(recorded);
    return planFile({
      path: PATH,
      doc: parseTaskList(PATH, text),
      baseline: base === undefined ? null : parseTaskList(PATH, base),
      blobSha: sha(text),
      commitSha: "c0ffee",
      config: this.config,
      ctx,
      observed,
    });
  }

  task(id: string): FakeIssue {
    return this.gh.task(id);
  }

  /** A person closes or reopens a task's issue. */
  set(
    id: string,
    state: "open" | "closed",
    reason: string | null = state === "closed" ? "completed" : "reopened",
  ): void {
    const issue = this.task(id);
    issue.state = state;
    issue.stateReason = reason;
  }
}

const writes = (plan: Plan) => plan.operations.filter((op) => op.kind === "write-checkboxes");
const stateOps = (plan: Plan) => plan.operations.filter((op) => op.kind === "update-issue" && op.state !== undefined);

describe("the file follows its issues", () => {
  it("in sync: an empty plan, and the recorded states match GitHub's", () => {
    const repo = new Synced();
    expect(repo.plan(LIST).operations).toEqual([]);
    const tracking = repo.gh.observe().issues.find((i) => i.marker.kind === "tracking");
    expect(tracking?.marker.kind === "tracking" && tracking.marker.states).toBe(
      observedStatesDigest(repo.gh.observe().issues, PATH),
    );
  });

  it("a person closes T003: the plan is one file edit ticking it, and nothing else yet", () => {
    const repo = new Synced();
    repo.set("T003", "closed");
    const plan = repo.plan(LIST);
    expect(plan.operations).toEqual([
      {
        kind: "write-checkboxes",
        key: `${PATH}#feature`,
        path: PATH,
        changes: [{ taskId: "T003", issueNumber: repo.task("T003").number, text: expect.any(String), checked: true }],
        reason: expect.any(String),
      },
    ]);
  });

  it("a person reopens T002 (ticked in the file): the file unticks it", () => {
    const repo = new Synced();
    repo.set("T002", "open");
    expect(writes(repo.plan(LIST)).flatMap((op) => (op.kind === "write-checkboxes" ? op.changes : []))).toEqual([
      expect.objectContaining({ taskId: "T002", checked: false }),
    ]);
  });

  it("the recorded states tell a closed issue from the one the reconcile left", () => {
    const repo = new Synced();
    const before = observedStatesDigest(repo.gh.observe().issues, PATH);
    repo.set("T001", "closed");
    expect(observedStatesDigest(repo.gh.observe().issues, PATH)).not.toBe(before);
  });

  it("both changed and agree (ticked in the file, closed on GitHub): no edit, no state change", () => {
    const repo = new Synced();
    repo.set("T003", "closed");
    const plan = repo.plan(LIST.replace("- [ ] T003", "- [x] T003"));
    expect(writes(plan)).toEqual([]);
    expect(stateOps(plan).filter((op) => op.kind === "update-issue" && op.number === repo.task("T003").number)).toEqual(
      [],
    );
  });

  it("the file changed and the issue did not: the issue follows (the file wins)", () => {
    const repo = new Synced();
    const plan = repo.plan(LIST.replace("- [ ] T001", "- [x] T001"));
    expect(writes(plan)).toEqual([]);
    expect(stateOps(plan)).toContainEqual(
      expect.objectContaining({ number: repo.task("T001").number, state: "closed" }),
    );
  });

  it.each<["keep" | "tick", unknown[]]>([
    ["keep", []],
    ["tick", [expect.objectContaining({ taskId: "T003", checked: true })]],
  ])("closed as not planned with onNotPlanned: %s", (onNotPlanned, expected) => {
    const repo = new Synced({ ...defaultConfig, writeBack: { ...defaultConfig.writeBack, onNotPlanned } });
    repo.set("T003", "closed", "not_planned");
    const plan = repo.plan(LIST);
    expect(writes(plan).flatMap((op) => (op.kind === "write-checkboxes" ? op.changes : []))).toEqual(expected);
    expect(stateOps(plan)).toEqual([]); // a resting state is never "corrected"
  });

  it("write-back disabled: the issue's close stays on GitHub, the file is not written", () => {
    const repo = new Synced({ ...defaultConfig, writeBack: { ...defaultConfig.writeBack, enabled: false } });
    repo.set("T003", "closed");
    const plan = repo.plan(LIST);
    expect(writes(plan)).toEqual([]);
    expect(stateOps(plan)).toEqual([]);
  });
});

describe("duplicates heal", () => {
  it("two issues for T004: the linked one stays; the copy is closed, unlabelled and told which one is kept", () => {
    const repo = new Synced();
    const kept = repo.task("T004");
    const copy: FakeIssue = { ...structuredClone(kept), number: 99, id: 1099, parent: null, comments: [] };
    repo.gh.issues.push(copy);
    const plan = repo.plan(LIST);
    expect(plan.operations).toEqual([
      expect.objectContaining({
        kind: "update-issue",
        number: 99,
        state: "closed",
        stateReason: "not_planned",
        labels: kept.labels.filter((l) => l !== "tasksync"),
      }),
      expect.objectContaining({ kind: "comment", body: expect.stringContaining(`Duplicate of #${kept.number}`) }),
    ]);
    repo.gh.apply(plan);
    expect(repo.gh.byNumber(99).comments).toHaveLength(1);
    expect(repo.plan(LIST).operations).toEqual([]); // the copy is no longer tracked: nothing more to do
  });
});
