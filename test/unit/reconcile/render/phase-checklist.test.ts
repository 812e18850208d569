/**
 * One issue per phase (`issues.granularity: phase`), planned: the checklist a phase issue's body
 * holds, ticks made in it written back to the file, the file's ticks re-rendering it, and both at
 * once merged three-way against the state recorded in the phase marker. Pure.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { defaultConfig, type TasksyncConfig } from "../../../../src/config/schema.js";
import { resolveIssueTokens } from "../../../../src/reconcile/render/issue-ref-tokens.js";
import { observedStatesDigest } from "../../../../src/reconcile/three-way/issue-states.js";
import { markerKey, parseMarker } from "../../../../src/identity/marker.js";
import { readChecklist } from "../../../../src/reconcile/render/phase-checklist.js";
import { planFile, type Plan } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST, PATH } from "../../../fixtures/photo-albums.js";
import { FakeGitHub, type FakeIssue } from "../fake-github.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const sha = (text: string): string => createHash("sha1").update(text).digest("hex");
const PHASED: TasksyncConfig = { ...defaultConfig, issues: { ...defaultConfig.issues, granularity: "phase" } };

/** LIST with a fourth phase whose task waits for a task of phase 2. */
const LIST4 = `${LIST}
## Phase 4: Polish

- [ ] T006 Write the docs (depends on T003)
`;

/** A repository synced to a list, whose phase issues' bodies a person may then edit. */
class Synced {
  readonly gh = new FakeGitHub();
  private readonly texts = new Map<string, string>();
  /** The list as last reconciled (what the tracking issue records). */
  baseText: string | null = null;

  constructor(
    text: string = LIST4,
    public config: TasksyncConfig = PHASED,
  ) {
    this.sync(text);
  }

  plan(text: string, baseText: string | null = this.recordedText()): Plan {
    this.texts.set(sha(text), text);
    const all = this.gh.observe();
    const observed = { ...all, issues: all.issues.filter((i) => i.labels.includes("tasksync")) };
    const baseline = baseText === null ? null : parseTaskList(PATH, baseText);
    return planFile({
      path: PATH,
      doc: parseTaskList(PATH, text),
      baseline,
      blobSha: sha(text),
      commitSha: "c0ffee",
      config: this.config,
      ctx,
      observed,
    });
  }

  recordedText(): string | null {
    const tracking = this.gh.observe().issues.find((i) => i.marker.kind === "tracking");
    const recorded = tracking?.marker.kind === "tracking" ? tracking.marker.sha : undefined;
    return recorded === undefined ? null : (this.texts.get(recorded) ?? null);
  }

  /** Applies a plan as apply would, issue references included. */
  apply(plan: Plan): void {
    this.gh.apply(plan);
    const numbers = new Map(
      this.gh.issues.flatMap((i) => {
        const m = parseMarker(i.body);
        return m ? [[markerKey(m), i.number] as const] : [];
      }),
    );
    for (const issue of this.gh.issues) issue.body = resolveIssueTokens(issue.body, (key) => numbers.get(key));
  }

  sync(text: string): void {
    this.apply(this.plan(text));
  }

  phase(key: string): FakeIssue {
    const issue = this.gh.issues.find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "phase" && m.phase === key;
    });
    if (!issue) throw new Error(`no issue for phase ${key}`);
    return issue;
  }

  /** A person ticks or unticks a box in a phase issue's body, as GitHub's task-list click does. */
  tick(phase: string, id: string, checked = true): void {
    const issue = this.phase(phase);
    const before = issue.body;
    issue.body = before.replace(
      new RegExp(`^- \\[[ x]\\] \\*\\*${id}\\*\\*`, "m"),
      `- [${checked ? "x" : " "}] **${id}**`,
    );
    if (issue.body === before) throw new Error(`${id} is not in phase ${phase}'s checklist, or already so`);
  }
}

const writeOps = (plan: Plan) => plan.operations.flatMap((op) => (op.kind === "write-checkboxes" ? [op] : []));
const bodyOf = (plan: Plan, number: number): string | undefined =>
  plan.operations.flatMap((op) =>
    op.kind === "update-issue" && op.number === number && op.body !== undefined ? [op.body] : [],
  )[0];
const tick = (text: string, id: string): string => text.replace(`- [ ] ${id}`, `- [x] ${id}`);

describe("one issue per phase: what GitHub holds", () => {
  it("the tracking issue and one issue per phase, no task issues; the plan at the same list is then empty", () => {
    const repo = new Synced();
    const kinds = repo.gh.issues.map((i) => parseMarker(i.body)?.kind);
    expect(kinds.filter((k) => k === "tracking")).toHaveLength(1);
    expect(kinds.filter((k) => k === "phase")).toHaveLength(4);
    expect(kinds.filter((k) => k === "task")).toHaveLength(0);
    expect(repo.plan(LIST4).operations).toEqual([]);
  });

  it("renders each phase's tasks as a checklist with ids, [P], story and blockers (another phase's as a link to its issue)", () => {
    const repo = new Synced();
    const p2 = repo.phase("2").number;
    const section = (body: string): string => body.slice(body.indexOf("**Tasks**"), body.indexOf("<sub>"));
    expect(section(repo.phase("3").body)).toMatchInlineSnapshot(`
"**Tasks** (tick a box to tick the task in the task list):

<!-- tasksync:checklist -->

- [ ] **T004** [P] [US1] Upload endpoint in \`backend/app.py\`
- [ ] **T005** [US1] Upload UI (depends on T004) — blocked by T004

<!-- /tasksync:checklist -->

"
`);
    expect(section(repo.phase("1").body)).toContain("- [x] **T002** [P] Configure linting");
    expect(section(repo.phase("4").body)).toContain(
      `- [ ] **T006** Write the docs (depends on T003) — blocked by T003 (#${p2})`,
    );
    expect(parseMarker(repo.phase("1").body)).toMatchObject({ kind: "phase", done: ["T002"] });
  });

  it("phase blocked-by links between phase issues stay", () => {
    const repo = new Synced();
    expect(repo.phase("2").blockedBy).toEqual([repo.phase("1").number]);
  });
});

describe("one issue per phase: the file follows the checklist, the checklist follows the file", () => {
  it("a person ticks T003 in phase 2's body: one file edit ticking it, naming the phase issue", () => {
    const repo = new Synced();
    repo.tick("2", "T003");
    expect(repo.plan(LIST4).operations).toEqual([
      {
        kind: "write-checkboxes",
        key: `${PATH}#feature`,
        path: PATH,
        changes: [{ taskId: "T003", issueNumber: repo.phase("2").number, text: expect.any(String), checked: true }],
        reason: expect.any(String),
      },
    ]);
  });

  it("a person unticks T002 (ticked in the file): the file unticks it", () => {
    const repo = new Synced();
    repo.tick("1", "T002", false);
    expect(writeOps(repo.plan(LIST4)).flatMap((op) => op.changes)).toEqual([
      expect.objectContaining({ taskId: "T002", checked: false }),
    ]);
  });

  it("after the edit is committed, the next pass records the tick as agreed and closes the phase (its last task)", () => {
    const repo = new Synced();
    const base = LIST4;
    repo.tick("2", "T003");
    const pass2 = repo.plan(tick(LIST4, "T003"), base); // reconcile-file plans again at the new commit, same baseline
    expect(writeOps(pass2)).toEqual([]);
    const update = pass2.operations.find((op) => op.kind === "update-issue" && op.number === repo.phase("2").number);
    expect(update).toMatchObject({ state: "closed", stateReason: "completed" });
    repo.apply(pass2);
    expect(parseMarker(repo.phase("2").body)).toMatchObject({ done: ["T003"] });
    expect(repo.plan(tick(LIST4, "T003")).operations).toEqual([]);
  });

  it("T004 ticked in the file: phase 3's body shows it, and the file is not edited", () => {
    const repo = new Synced();
    const plan = repo.plan(tick(LIST4, "T004"));
    expect(writeOps(plan)).toEqual([]);
    const body = bodyOf(plan, repo.phase("3").number) ?? "";
    expect(readChecklist(body)).toEqual(
      new Map([
        ["T004", true],
        ["T005", false],
      ]),
    );
    expect(parseMarker(body)).toMatchObject({ done: ["T004"] });
  });

  it("a tick on each side at once (T003 on GitHub, T004 in the file): both survive", () => {
    const repo = new Synced();
    const base = LIST4;
    repo.tick("2", "T003");
    const both = tick(LIST4, "T004");
    const pass1 = repo.plan(both, base);
    expect(writeOps(pass1).flatMap((op) => op.changes)).toEqual([
      expect.objectContaining({ taskId: "T003", checked: true }),
    ]);
    // the commit leaves both ticked in the file; the second pass re-renders the bodies from it
    const pass2 = repo.plan(tick(both, "T003"), base);
    expect(writeOps(pass2)).toEqual([]);
    repo.apply(pass2);
    expect(readChecklist(repo.phase("2").body)?.get("T003")).toBe(true);
    expect(readChecklist(repo.phase("3").body)?.get("T004")).toBe(true);
  });

  it("both sides changed the same box the same way: no edit, and the body follows the file", () => {
    const repo = new Synced();
    repo.tick("1", "T002", false); // a person unticks T002 ...
    const file = LIST4.replace("- [x] T002", "- [ ] T002").replace("- [ ] T001", "- [x] T001"); // ... and the file unticks it too, and ticks T001
    const plan = repo.plan(file, LIST4);
    expect(writeOps(plan)).toEqual([]);
    expect(readChecklist(bodyOf(plan, repo.phase("1").number) ?? "")).toEqual(
      new Map([
        ["T001", true],
        ["T002", false],
      ]),
    );
  });

  it("write-back off: a person's tick is kept in the body while the file changes another task of the phase", () => {
    const repo = new Synced(LIST4, { ...PHASED, writeBack: { ...PHASED.writeBack, enabled: false } });
    repo.tick("3", "T005");
    const plan = repo.plan(tick(LIST4, "T004"), LIST4);
    expect(writeOps(plan)).toEqual([]);
    const body = bodyOf(plan, repo.phase("3").number) ?? "";
    expect(readChecklist(body)).toEqual(
      new Map([
        ["T004", true],
        ["T005", true],
      ]),
    );
    expect(parseMarker(body)).toMatchObject({ done: ["T004"] }); // T005 is still the person's, not agreed
  });

  it("a rewritten phase body carries the checklist it was planned against, for apply to compare before writing", () => {
    const repo = new Synced();
    const seen = readChecklist(repo.phase("3").body);
    expect(seen).not.toBeNull();
    const update = repo
      .plan(tick(LIST4, "T004"))
      .operations.find((op) => op.kind === "update-issue" && op.number === repo.phase("3").number);
    expect(update).toMatchObject({ checklistSeen: "" }); // nothing of phase 3 was ticked when it was read
  });

  it("the recorded states change when a box is ticked, so the reconcile does not skip the list as up to date", () => {
    const repo = new Synced();
    const tracking = repo.gh.observe().issues.find((i) => i.marker.kind === "tracking");
    const recorded = tracking?.marker.kind === "tracking" ? tracking.marker.states : undefined;
    expect(recorded).toBe(observedStatesDigest(repo.gh.observe().issues, PATH));
    repo.tick("2", "T003");
    expect(observedStatesDigest(repo.gh.observe().issues, PATH)).not.toBe(recorded);
  });
});

describe("switching granularity on a synced list", () => {
  it("task → phase closes the task issues as not planned, saying why; phase → task reopens the open tasks' issues", () => {
    const repo = new Synced(LIST4, defaultConfig);
    const taskIssues = (): FakeIssue[] => repo.gh.issues.filter((i) => parseMarker(i.body)?.kind === "task");
    expect(taskIssues()).toHaveLength(6);
    repo.config = PHASED;
    repo.sync(LIST4);
    const open = taskIssues().filter((i) => i.state === "open");
    expect(open).toEqual([]);
    const t003 = taskIssues().find((i) => i.title.startsWith("T003"));
    expect(t003).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect(t003?.comments.map((c) => c.body)).toEqual([expect.stringContaining("one issue per phase")]);
    expect(readChecklist(repo.phase("2").body)).toEqual(new Map([["T003", false]]));
    expect(repo.plan(LIST4).operations).toEqual([]);

    repo.config = defaultConfig;
    repo.sync(LIST4);
    expect(taskIssues()).toHaveLength(6); // the same issues, not new ones
    expect(
      taskIssues()
        .filter((i) => i.state === "open")
        .map((i) => i.title.slice(0, 4))
        .sort(),
    ).toEqual(["T001", "T003", "T004", "T005", "T006"]);
    expect(readChecklist(repo.phase("2").body)).toBeNull();
  });
});

describe("one issue per phase with a task held back by an error in its line", () => {
  const HELD = LIST4.replace(
    "- [ ] T006 Write the docs (depends on T003)",
    "- [ ] T006 Write the docs (depends on T003)\n- [ ] T007 Translate the docs (depends on T999)",
  );

  it("a box ticked on a held task is not written, and is kept in the body while the file changes", () => {
    const repo = new Synced(HELD.replace("T999", "T006")); // synced while it was fine ...
    repo.sync(HELD); // ... then held back
    expect(parseTaskList(PATH, HELD).diagnostics).toContainEqual(
      expect.objectContaining({ severity: "error", taskId: "T007" }),
    );
    repo.tick("4", "T007");
    const plan = repo.plan(tick(HELD, "T006"), HELD);
    expect(writeOps(plan)).toEqual([]);
    const body = bodyOf(plan, repo.phase("4").number) ?? "";
    expect(readChecklist(body)).toEqual(
      new Map([
        ["T006", true],
        ["T007", true],
      ]),
    );
    expect(parseMarker(body)).toMatchObject({ done: ["T006"] });
  });
});
