/**
 * Milestones, assignees and issue types end to end: the real app against the emulator, in an
 * organisation's repository with issue types and in a person's repository without them.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseMarker } from "../../src/identity/marker.js";
import { addMilestone, assignIssue, issueFields, milestones } from "../github-emulator/index.js";
import { findByMarker, issuesOf, taskIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

const PATH = "specs/001-photos/tasks.md";

const list = (t6: string, t1 = "Create project structure") => `# Tasks: Photos

## Phase 1: Setup

- [ ] T001 ${t1}

## Phase 3: User Story 1 - Upload a photo (Priority: P1)

- [ ] T006 [P] [US1] ${t6}
- [ ] T007 [US1] Write the upload test
`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const fields = (harness: Harness, id: string) =>
  issueFields(harness.emulator, harness.owner, harness.repo, taskIssue(harness, id, PATH).number);
const tracking = (harness: Harness) => findByMarker(harness, (m) => m.kind === "tracking" && m.path === PATH);

describe("an organisation's repository with issue types", () => {
  it("milestones per phase, @alice assigned, @ghost a warning, types set; a person's reassignment is kept until the line's @login changes", async () => {
    h = await startHarness({
      ownerType: "Organization",
      install: false,
      files: { [PATH]: list("@alice @ghost Add the upload form"), ".github/tasksync.yml": "milestones: phase\n" },
    });
    for (const login of ["alice", "bob", "carol"]) h.emulator.setCollaborator(h.owner, h.repo, login, "write");
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();

    expect(milestones(h.emulator, h.owner, h.repo).map((m) => [m.title, m.creator])).toEqual([
      ["Phase 1: Setup", "tasksync[bot]"],
      ["Phase 3: User Story 1 - Upload a photo (Priority: P1)", "tasksync[bot]"],
    ]);
    const [setup, story] = milestones(h.emulator, h.owner, h.repo);
    expect(fields(h, "T001")).toEqual({
      assignees: [],
      milestone: { number: setup!.number, title: setup!.title },
      type: "Task",
    });
    expect(fields(h, "T006")).toEqual({
      assignees: ["alice"],
      milestone: { number: story!.number, title: story!.title },
      type: "Task",
    });
    expect(fields(h, "T007").milestone?.number).toBe(story!.number);
    expect(taskIssue(h, "T006", PATH).title).toBe("T006 Add the upload form");
    const feature = tracking(h)!;
    expect(issueFields(h.emulator, h.owner, h.repo, feature.number).type).toBe("Feature");
    const phases = issuesOf(h).filter((i) => parseMarker(i.body)?.kind === "phase");
    expect(phases.map((p) => issueFields(h!.emulator, h!.owner, h!.repo, p.number).type)).toEqual([null, null]);
    const comments = h.emulator.comments(h.owner, h.repo, feature.number).map((c) => c.body);
    expect(comments).toEqual([expect.stringContaining("line 9: @ghost cannot be assigned in this repository")]);

    // A person reassigns T006 to bob; a push that leaves T006's line alone keeps bob.
    assignIssue(h.emulator, h.owner, h.repo, taskIssue(h, "T006", PATH).number, ["bob"]);
    await h.push({ [PATH]: list("@alice @ghost Add the upload form", "Create the project structure") });
    expect(taskIssue(h, "T001", PATH).title).toBe("T001 Create the project structure");
    expect(fields(h, "T006").assignees).toEqual(["bob"]);

    // The line's @login changes: alice (the line's old login) is not there to remove, carol comes, bob stays.
    await h.push({ [PATH]: list("@carol Add the upload form", "Create the project structure") });
    expect(fields(h, "T006").assignees).toEqual(["bob", "carol"]);
    expect(parseMarker(taskIssue(h, "T006", PATH).body)).toMatchObject({ assignees: ["carol"] });
    // @ghost left the line: the warning is resolved in the same comment.
    expect(h.emulator.comments(h.owner, h.repo, feature.number).map((c) => c.body)).toEqual([
      expect.stringContaining("parses cleanly again"),
    ]);
    expect(milestones(h.emulator, h.owner, h.repo)).toHaveLength(2);

    // The Setup phase leaves the list: its milestone is closed (not deleted), the story's stays open.
    await h.push({
      [PATH]: list("@carol Add the upload form", "Create the project structure").replace(
        /## Phase 1: Setup\n\n- \[ \] T001 [^\n]*\n\n/,
        "",
      ),
    });
    expect(milestones(h.emulator, h.owner, h.repo).map((m) => [m.title, m.state])).toEqual([
      ["Phase 1: Setup", "closed"],
      ["Phase 3: User Story 1 - Upload a photo (Priority: P1)", "open"],
    ]);
  });
});

describe("a milestone create whose answer is lost", () => {
  it("GitHub applies it and answers 502: tasksync lists the milestones, finds its own, and makes no second one", async () => {
    h = await startHarness({
      ownerType: "Organization",
      install: false,
      files: { [PATH]: list("Add the upload form"), ".github/tasksync.yml": "milestones: phase\n" },
    });
    h.emulator.applyThenFail({ method: "POST", path: /\/milestones$/, status: 502, times: 1 });
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();
    const made = milestones(h.emulator, h.owner, h.repo);
    expect(made.map((m) => m.title)).toEqual([
      "Phase 1: Setup",
      "Phase 3: User Story 1 - Upload a photo (Priority: P1)",
    ]);
    expect(
      h.emulator.requests.history
        .filter((r) => r.route === "POST /repos/{owner}/{repo}/milestones")
        .map((r) => r.status),
    ).toEqual([502, 201]);
    expect(fields(h, "T001").milestone?.number).toBe(made[0]!.number);
    expect(fields(h, "T006").milestone?.number).toBe(made[1]!.number);
  });

  it("someone else's milestone with the heading's title: left alone, tasksync's gets the feature in its title, the comment says so", async () => {
    h = await startHarness({
      ownerType: "Organization",
      install: false,
      files: { [PATH]: list("Add the upload form"), ".github/tasksync.yml": "milestones: phase\n" },
    });
    const theirs = addMilestone(h.emulator, h.owner, h.repo, "Phase 1: Setup", "octocat");
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();
    const all = milestones(h.emulator, h.owner, h.repo);
    expect(all.map((m) => [m.title, m.creator])).toEqual([
      ["Phase 1: Setup", "octocat"],
      ["Phase 1: Setup (001-photos)", "tasksync[bot]"],
      ["Phase 3: User Story 1 - Upload a photo (Priority: P1)", "tasksync[bot]"],
    ]);
    expect(all[0]!.description).toBeNull();
    expect(fields(h, "T001").milestone).toEqual({ number: all[1]!.number, title: "Phase 1: Setup (001-photos)" });
    expect(theirs).toBe(all[0]!.number);
    const comments = h.emulator.comments(h.owner, h.repo, tracking(h)!.number).map((c) => c.body);
    expect(comments).toEqual([
      expect.stringContaining('a milestone tasksync did not make is already titled "Phase 1: Setup"'),
    ]);
  });
});

describe("a person's repository", () => {
  it("no issue types and no failure: the issues are made without a type, the types are asked for once", async () => {
    h = await startHarness({ files: { [PATH]: list("Add the upload form") } });
    const tasks = ["T001", "T006", "T007"].map((id) => fields(h!, id));
    expect(tasks.map((f) => f.type)).toEqual([null, null, null]);
    expect(tasks.map((f) => f.milestone)).toEqual([null, null, null]);
    const asked = h.emulator.requests.history.filter((r) => r.route === "GET /orgs/{org}/issue-types");
    expect(asked.map((r) => r.status)).toEqual([404]);
    expect(h.emulator.requests.history.filter((r) => r.route.startsWith("PATCH") && r.status >= 400)).toEqual([]);
  });
});
