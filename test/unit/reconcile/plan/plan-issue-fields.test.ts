import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { configSchema, type TasksyncConfig } from "../../../../src/config/schema.js";
import type { ObservedMilestone } from "../../../../src/reconcile/observe/observed.js";
import { parseMilestoneMarker } from "../../../../src/identity/milestone-marker.js";
import { markerKey, parseMarker } from "../../../../src/identity/marker.js";
import type { Operation } from "../../../../src/reconcile/operations.js";
import { mergeAssignees } from "../../../../src/reconcile/plan/plan-issue-fields.js";
import { planFile, type FileObservation, type Plan } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { FakeGitHub } from "../fake-github.js";

const ctx = { owner: "acme", repo: "photos", htmlUrl: "https://github.com/acme/photos", defaultBranch: "main" };
const PATH = "specs/001-photos/tasks.md";
const BOT = "tasksync[bot]";

const list = (t6: string, t7 = "Write the upload test") => `# Tasks: Photos

## Phase 1: Setup

- [ ] T001 Create project structure

## Phase 3: User Story 1 - Upload a photo (Priority: P1)

- [ ] T006 [P] [US1] ${t6}
- [ ] T007 [US1] ${t7}
`;

/** FakeGitHub plus milestones, assignees, types and who can be assigned. */
class FieldsGitHub extends FakeGitHub {
  milestones: ObservedMilestone[] = [];
  assigneesOf = new Map<number, string[]>();
  milestoneOf = new Map<number, number | null>();
  typeOf = new Map<number, string | null>();
  assignable = new Set(["alice", "bob", "carol"]);
  issueTypes: string[] | null = ["Task", "Bug", "Feature"];
  patches = 0;

  fields(): FileObservation {
    const observed = this.observe();
    const issues = observed.issues.map((i) => ({
      ...i,
      assignees: this.assigneesOf.get(i.number) ?? [],
      milestoneNumber: this.milestoneOf.get(i.number) ?? null,
      typeName: this.typeOf.get(i.number) ?? null,
    }));
    const assignable = new Map(["alice", "bob", "carol", "ghost", "dave"].map((l) => [l, this.assignable.has(l)]));
    return {
      ...observed,
      issues,
      fields: { milestones: [...this.milestones], assignable, issueTypes: this.issueTypes, author: BOT },
    };
  }

  numberOf(key: string): number {
    const found = this.observe().issues.find((i) => i.key === key);
    if (!found) throw new Error(`no issue ${key}`);
    return found.number;
  }

  applyAll(plan: Plan): void {
    const made = new Map<string, number>();
    for (const op of plan.operations) {
      if (op.kind === "ensure-milestone") {
        if (op.number === null) {
          const number = 100 + this.milestones.length;
          this.milestones.push({ number, title: op.title, description: op.description, state: "open", creator: BOT });
          made.set(op.key, number);
        } else {
          const m = this.milestones.find((x) => x.number === op.number)!;
          m.title = op.title;
          m.description = op.description;
          if (op.state) m.state = op.state;
        }
      } else if (op.kind === "set-issue-fields") {
        this.patches += 1;
        const n = op.number ?? this.numberOf(op.key);
        if (op.milestone) this.milestoneOf.set(n, op.milestone.number ?? made.get(op.milestone.key)!);
        if (op.assignees) this.assigneesOf.set(n, op.assignees);
        if (op.type) this.typeOf.set(n, op.type);
      } else {
        this.apply({
          ...plan,
          operations: [op],
          refs: new Map([
            ...plan.refs,
            ...this.observe().issues.map((i) => [i.key, { number: i.number, id: i.id }] as const),
          ]),
        });
      }
    }
  }

  taskNumber(id: string): number {
    return this.numberOf(`${PATH}#${id}`);
  }
}

class Repo {
  readonly gh = new FieldsGitHub();
  constructor(private readonly config: TasksyncConfig) {}

  plan(text: string): Plan {
    const sha = createHash("sha1").update(text).digest("hex");
    return planFile({
      path: PATH,
      doc: parseTaskList(PATH, text),
      baseline: null,
      blobSha: sha,
      commitSha: "c0ffee",
      config: this.config,
      ctx,
      observed: this.gh.fields(),
    });
  }

  sync(text: string): Plan {
    const plan = this.plan(text);
    this.gh.applyAll(plan);
    return plan;
  }
}

const config = (input: Record<string, unknown>): TasksyncConfig => configSchema.parse(input);
const kinds = (plan: Plan, kind: Operation["kind"]) => plan.operations.filter((op) => op.kind === kind);

describe("milestones", () => {
  it("closes its own milestone of a phase that left the list, once, and leaves someone else's alone", () => {
    const repo = new Repo(config({ milestones: "phase" }));
    repo.gh.milestones.push({
      number: 1,
      title: "Release 1",
      description: "planned by hand",
      state: "open",
      creator: "octocat",
    });
    repo.sync(list("Add the upload form"));
    const setup = repo.gh.milestones.find((m) => m.title === "Phase 1: Setup")!;
    const withoutSetup = list("Add the upload form").replace(
      "## Phase 1: Setup\n\n- [ ] T001 Create project structure\n\n",
      "",
    );
    const plan = repo.sync(withoutSetup);
    expect(kinds(plan, "ensure-milestone")).toEqual([
      expect.objectContaining({ number: setup.number, state: "closed", title: "Phase 1: Setup" }),
    ]);
    expect(setup.state).toBe("closed");
    expect(repo.gh.milestones.find((m) => m.number === 1)?.state).toBe("open");
    expect(repo.gh.milestones.find((m) => m.title.startsWith("Phase 3"))?.state).toBe("open");
    expect(kinds(repo.plan(withoutSetup), "ensure-milestone")).toEqual([]);
  });

  it("one milestone per phase, titled with its heading, holding that phase's task issues; nothing more on the next run", () => {
    const repo = new Repo(config({ milestones: "phase" }));
    const first = repo.sync(list("@alice Add the upload form"));
    expect(kinds(first, "ensure-milestone").map((op) => op.kind === "ensure-milestone" && op.title)).toEqual([
      "Phase 1: Setup",
      "Phase 3: User Story 1 - Upload a photo (Priority: P1)",
    ]);
    const [setup, story] = repo.gh.milestones;
    expect(repo.gh.milestoneOf.get(repo.gh.taskNumber("T001"))).toBe(setup!.number);
    expect(repo.gh.milestoneOf.get(repo.gh.taskNumber("T006"))).toBe(story!.number);
    expect(repo.gh.milestoneOf.get(repo.gh.taskNumber("T007"))).toBe(story!.number);
    expect(parseMilestoneMarker(story!.description)).toEqual({ path: PATH, key: "phase:3" });
    expect(repo.plan(list("@alice Add the upload form")).operations).toEqual([]);
  });

  it("per user story: tasks without a story stay out of milestones", () => {
    const repo = new Repo(config({ milestones: "story" }));
    repo.sync(list("Add the upload form"));
    expect(repo.gh.milestones.map((m) => m.title)).toEqual(["US1: User Story 1 - Upload a photo (Priority: P1)"]);
    expect(repo.gh.milestoneOf.has(repo.gh.taskNumber("T001"))).toBe(false);
    expect(repo.gh.milestoneOf.get(repo.gh.taskNumber("T006"))).toBe(repo.gh.milestones[0]!.number);
  });

  it("renames only its own milestone when the heading changes; one someone else titled the same is left alone and another title is picked", () => {
    const repo = new Repo(config({ milestones: "phase" }));
    repo.gh.milestones.push({
      number: 7,
      title: "Phase 1: Setup",
      description: "the team's own",
      state: "open",
      creator: "octocat",
    });
    const plan = repo.sync(list("Add the upload form"));
    const created = kinds(plan, "ensure-milestone").map(
      (op) => op.kind === "ensure-milestone" && [op.number, op.title],
    );
    expect(created).toEqual([
      [null, "Phase 1: Setup (001-photos)"],
      [null, "Phase 3: User Story 1 - Upload a photo (Priority: P1)"],
    ]);
    expect(plan.warnings?.map((w) => w.message)).toEqual([expect.stringContaining('already titled "Phase 1: Setup"')]);
    expect(repo.gh.milestones.find((m) => m.number === 7)).toMatchObject({
      title: "Phase 1: Setup",
      description: "the team's own",
    });

    const renamed = repo.sync(
      list("Add the upload form").replace(
        "## Phase 3: User Story 1 - Upload a photo",
        "## Phase 3: User Story 1 - Upload photos",
      ),
    );
    expect(kinds(renamed, "ensure-milestone")).toEqual([
      expect.objectContaining({
        number: 102,
        title: "Phase 3: User Story 1 - Upload photos (Priority: P1)",
        reason: "its title changed",
      }),
    ]);
    expect(kinds(renamed, "set-issue-fields")).toEqual([]);
  });

  it("a marked milestone made by someone else is not tasksync's", () => {
    const repo = new Repo(config({ milestones: "phase" }));
    const copied = `<!-- tasksync:milestone {"path":"${PATH}","key":"phase:1"} -->`;
    repo.gh.milestones.push({ number: 9, title: "Copied", description: copied, state: "open", creator: "mallory" });
    const plan = repo.sync(list("x"));
    expect(kinds(plan, "ensure-milestone").map((op) => op.kind === "ensure-milestone" && op.number)).toEqual([
      null,
      null,
    ]);
    expect(repo.gh.milestones.find((m) => m.number === 9)!.title).toBe("Copied");
  });

  it("a task moved to another phase moves to that phase's milestone; an issue a person put in their own milestone stays there", () => {
    const repo = new Repo(config({ milestones: "phase" }));
    repo.sync(list("Add the form"));
    const t7 = repo.gh.taskNumber("T007");
    const t6 = repo.gh.taskNumber("T006");
    repo.gh.milestones.push({ number: 50, title: "Sprint 4", description: "", state: "open", creator: "octocat" });
    repo.gh.milestoneOf.set(t6, 50);
    const moved = list("Add the form")
      .replace("- [ ] T007 [US1] Write the upload test\n", "")
      .replace(
        "- [ ] T001 Create project structure",
        "- [ ] T001 Create project structure\n- [ ] T007 Write the upload test",
      );
    const plan = repo.sync(moved);
    expect(kinds(plan, "set-issue-fields")).toEqual([
      expect.objectContaining({ number: t7, milestone: { key: `${PATH}#milestone:phase:1`, number: 100 } }),
    ]);
    expect(repo.gh.milestoneOf.get(t6)).toBe(50);
  });

  it("milestones: none reads and writes no milestone", () => {
    const repo = new Repo(config({}));
    repo.gh.milestones.push({ number: 3, title: "Phase 1: Setup", description: "", state: "open", creator: "octocat" });
    const plan = repo.sync(list("Add the form"));
    expect(kinds(plan, "ensure-milestone")).toEqual([]);
    expect(plan.operations.some((op) => op.kind === "set-issue-fields" && op.milestone !== undefined)).toBe(false);
  });
});

describe("assignees", () => {
  it.each([
    ["line unchanged: a person's reassignment is kept", ["alice"], ["alice"], ["bob"], undefined],
    ["line unchanged: a person's unassignment is kept", ["alice"], ["alice"], [], undefined],
    ["line gains a login: it is added, the person's kept", ["alice"], ["alice", "carol"], ["bob"], ["bob", "carol"]],
    [
      "line changes the login: the old one leaves, the new one comes",
      ["alice"],
      ["carol"],
      ["alice", "bob"],
      ["bob", "carol"],
    ],
    ["first sync", [], ["alice"], [], ["alice"]],
    ["line drops every login", ["alice"], [], ["alice"], []],
    ["case differs only", ["Alice"], ["alice"], ["ALICE"], undefined],
  ])("%s", (_name, base, ours, theirs, expected) => {
    expect(mergeAssignees(base, ours, theirs)).toEqual(expected);
  });

  it("assigns @alice, records the base in the marker, keeps a reassignment on GitHub until the line's @login changes", () => {
    const repo = new Repo(config({}));
    repo.sync(list("@alice Add the upload form"));
    const t6 = repo.gh.taskNumber("T006");
    expect(repo.gh.assigneesOf.get(t6)).toEqual(["alice"]);
    const issue = repo.gh.byNumber(t6);
    expect(issue.title).toBe("T006 Add the upload form");
    expect(parseMarker(issue.body)).toMatchObject({ kind: "task", assignees: ["alice"] });

    repo.gh.assigneesOf.set(t6, ["bob"]); // a person reassigns on GitHub
    expect(repo.plan(list("@alice Add the upload form")).operations).toEqual([]);

    const changed = repo.sync(list("@carol Add the upload form"));
    expect(kinds(changed, "set-issue-fields")).toEqual([
      expect.objectContaining({ number: t6, assignees: ["bob", "carol"] }),
    ]);
    // The fields are written before the body that records the new base.
    const order = changed.operations.map((op) => op.kind);
    expect(order.indexOf("set-issue-fields")).toBeLessThan(order.indexOf("update-issue"));
    expect(parseMarker(repo.gh.byNumber(t6).body)).toMatchObject({ assignees: ["carol"] });
  });

  it("a new issue records the assignees base only after they are set: a sync cut off after the create assigns them next time", () => {
    const repo = new Repo(config({}));
    const plan = repo.plan(list("@alice Add the upload form"));
    const t6 = `${PATH}#T006`;
    const create = plan.operations.find((op) => op.kind === "create-issue" && op.key === t6);
    expect(create?.kind === "create-issue" && parseMarker(create.body)).not.toHaveProperty("assignees");
    const ofT6 = plan.operations.filter((op) => "key" in op && op.key === t6).map((op) => op.kind);
    expect(ofT6).toEqual(["create-issue", "set-issue-fields", "update-issue", "add-sub-issue"]);

    // Cut off right after the creates: the issues exist, nobody is assigned, no base recorded.
    repo.gh.applyAll({
      ...plan,
      operations: plan.operations.filter((op) => op.kind === "create-issue" || op.kind === "ensure-label"),
    });
    const again = repo.sync(list("@alice Add the upload form"));
    expect(kinds(again, "set-issue-fields").filter((op) => "key" in op && op.key === t6)).toEqual([
      expect.objectContaining({ assignees: ["alice"], type: "Task" }),
    ]);
    expect(repo.gh.assigneesOf.get(repo.gh.taskNumber("T006"))).toEqual(["alice"]);
    expect(parseMarker(repo.gh.byNumber(repo.gh.taskNumber("T006")).body)).toMatchObject({ assignees: ["alice"] });
  });

  it("a list with a held task and an unassignable login says both in its one diagnostics comment", () => {
    const repo = new Repo(config({}));
    const text = `${list("@ghost Add the upload form")}- [ ] T001 A second T001\n`;
    const plan = repo.sync(text);
    expect(plan.held).toEqual(["T001"]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining("@ghost cannot be assigned") }),
    ]);
    const tracking = repo.gh.issues.find((i) => parseMarker(i.body)?.kind === "tracking")!;
    expect(tracking.comments).toHaveLength(1);
    expect(tracking.comments[0]?.body).toContain("held back");
    expect(tracking.comments[0]?.body).toContain("@ghost cannot be assigned");
    expect(repo.plan(text).operations).toEqual([]);
  });

  it("an unassignable login is a warning in the diagnostics comment and blocks nothing", () => {
    const repo = new Repo(config({}));
    const plan = repo.sync(list("@alice @ghost Add the upload form"));
    const t6 = repo.gh.taskNumber("T006");
    expect(repo.gh.assigneesOf.get(t6)).toEqual(["alice"]);
    expect(plan.warnings).toEqual([
      { line: 9, message: "@ghost cannot be assigned in this repository: T006's issue is left without them" },
    ]);
    expect(kinds(plan, "create-issue")).toHaveLength(6);
    const tracking = repo.gh.issues.find((i) => parseMarker(i.body)?.kind === "tracking")!;
    expect(tracking.comments.map((c) => c.body)).toEqual([
      expect.stringContaining("line 9: @ghost cannot be assigned"),
    ]);
    expect(parseMarker(tracking.body)).toMatchObject({ diag: expect.any(String) });

    // Once @ghost can be assigned, the next reconcile assigns them and says the warnings are gone.
    repo.gh.assignable.add("ghost");
    const later = repo.sync(list("@alice @ghost Add the upload form"));
    expect(kinds(later, "set-issue-fields")).toEqual([expect.objectContaining({ assignees: ["alice", "ghost"] })]);
    expect(tracking.comments.map((c) => c.body)).toEqual([expect.stringContaining("parses cleanly again")]);
  });
});

describe("issue types", () => {
  it("task issues get issues.type and the tracking issue issues.featureType; a type a person chose is kept", () => {
    const repo = new Repo(config({}));
    repo.sync(list("Add the form"));
    const types = repo.gh.observe().issues.map((i) => [i.marker.kind, repo.gh.typeOf.get(i.number) ?? null]);
    expect(types.filter(([kind]) => kind === "task").every(([, t]) => t === "Task")).toBe(true);
    expect(types.filter(([kind]) => kind === "tracking")).toEqual([["tracking", "Feature"]]);
    expect(types.filter(([kind]) => kind === "phase").every(([, t]) => t === null)).toBe(true);
    repo.gh.typeOf.set(repo.gh.taskNumber("T006"), "Bug");
    expect(repo.plan(list("Add the form")).operations).toEqual([]);
  });

  it("where the organisation has no types, or not the named one, nothing is set and the plan says why in a note", () => {
    const none = new Repo(config({}));
    none.gh.issueTypes = null;
    const plan = none.sync(list("Add the form"));
    expect(kinds(plan, "set-issue-fields")).toEqual([]);
    expect(plan.notes).toEqual([]);

    const other = new Repo(config({ issues: { type: "Chore", featureType: null } }));
    const planned = other.sync(list("Add the form"));
    expect(kinds(planned, "set-issue-fields")).toEqual([]);
    expect(planned.notes).toEqual(['the organisation has no issue type "Chore": issues are left without one']);
  });

  it("milestone, assignees and type of a new issue go in one write", () => {
    const repo = new Repo(config({ milestones: "phase" }));
    const plan = repo.sync(list("@alice Add the form"));
    const t6 = `${PATH}#T006`;
    expect(plan.operations.filter((op) => op.kind === "set-issue-fields" && op.key === t6)).toEqual([
      expect.objectContaining({
        number: null,
        assignees: ["alice"],
        type: "Task",
        milestone: { key: `${PATH}#milestone:phase:3`, number: null },
      }),
    ]);
    expect(markerKey(parseMarker(repo.gh.byNumber(repo.gh.taskNumber("T006")).body)!)).toBe(t6);
  });
});
