/**
 * Every dialect end to end against the emulator, the way a team uses it: push a list → issues
 * in their hierarchy → a person closes a (sub-)task's issue → the right line is ticked → a pull
 * request that skips a stated dependency fails the gate.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import type { CheckRunView } from "../github-emulator/index.js";
import { issuesOf, phaseIssue, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const KIRO = ".kiro/specs/session-store/tasks.md";
const KIRO_LIST = `# Implementation Plan

- [ ] 1. Set up the session store
  - [ ] 1.1 Write the store interface
    - Define get, put and expire
    - _Requirements: 1.1, 1.2_
  - [ ] 1.2 Implement the Redis store
    - _Depends: 1.1_
  - [ ]* 1.3 Add load tests for the store
- [ ] 2. Wire the login endpoint
  - [ ] 2.1 Add the handler
    - _Depends: 1.2_
`;

const OPENSPEC = "openspec/changes/add-search/tasks.md";
const OPENSPEC_LIST = `## 1. Index

- [ ] 1.1 Add the search index table
- [ ] 1.2 Backfill the index

## 2. API

- [ ] 2.1 Add the /search route
`;

const KITTY = "kitty-specs/001-export/tasks.md";
const KITTY_LIST = `# Work Packages: CSV export

## Work Package WP01: Export model (Priority: P1)

- [ ] T001 Define the export row
- [ ] T002 [P] Write the CSV encoder

## Work Package WP02: Export endpoint (Priority: P2)

**Dependencies**: WP01

- [ ] T003 Add the download route
`;

const fileOnMain = (harness: Harness, path: string): string =>
  harness.emulator.fileAt(harness.owner, harness.repo, "main", path) ?? "";

async function closeAndSettle(harness: Harness, number: number): Promise<void> {
  harness.emulator.closeIssue(harness.owner, harness.repo, number, "completed", "mona");
  await harness.settle();
}

async function gatesOnPull(harness: Harness, branch: string, path: string, text: string): Promise<CheckRunView> {
  harness.emulator.openPullRequest({
    owner: harness.owner,
    repo: harness.repo,
    head: branch,
    title: branch,
    body: "",
    files: { [path]: text },
  });
  await harness.settle();
  const head = harness.emulator.branchSha(harness.owner, harness.repo, branch) ?? "";
  const run = harness.emulator
    .checkRuns(harness.owner, harness.repo, head)
    .filter((r) => r.name === "tasksync / gates")
    .sort((a, b) => b.id - a.id)[0];
  if (!run) throw new Error(`no gates run on ${branch}`);
  return run;
}

describe("dialects end to end", () => {
  it("Kiro: sub-tasks are sub-issues of their task, _Depends_ are blocked-by links, an optional task is labelled, a close ticks the sub-task's line, the gate enforces _Depends_", async () => {
    h = await startHarness({ files: { [KIRO]: KIRO_LIST } });
    const [one, oneOne, oneTwo, oneThree, two, twoOne] = ["1", "1.1", "1.2", "1.3", "2", "2.1"].map((id) =>
      taskIssue(h as Harness, id, KIRO),
    );
    expect(issuesOf(h).filter((i) => i.state === "open")).toHaveLength(7); // the feature, 6 tasks
    expect(one?.parent).toBe(trackingIssue(h, KIRO).number);
    expect([oneOne, oneTwo, oneThree].map((i) => i?.parent)).toEqual([one?.number, one?.number, one?.number]);
    expect(twoOne?.parent).toBe(two?.number);
    expect(oneTwo?.blocked_by).toEqual([oneOne?.number]);
    expect(twoOne?.blocked_by).toEqual([oneTwo?.number]);
    expect(oneThree?.labels).toContain("optional");
    expect(oneOne?.body).toMatch(
      /\*\*Requirements:\*\* \[1\.1\]\([^)]*\.kiro\/specs\/session-store\/requirements\.md#requirement-1\), \[1\.2\]\(/,
    );

    await closeAndSettle(h, oneOne?.number ?? 0);
    expect(fileOnMain(h, KIRO)).toBe(KIRO_LIST.replace("- [ ] 1.1 Write", "- [x] 1.1 Write"));

    const gate = await gatesOnPull(
      h,
      "login-handler",
      KIRO,
      fileOnMain(h, KIRO).replace("- [ ] 2.1 Add", "- [x] 2.1 Add"),
    );
    expect(gate).toMatchObject({ conclusion: "failure" });
    expect(gate.annotations.map((a) => a.message)).toContain("2.1 waits for 1.2");

    // 1.2 done: 1's last required sub-task (1.3 is optional) → 1's issue closes with it
    await closeAndSettle(h, oneTwo?.number ?? 0);
    expect(fileOnMain(h, KIRO)).toContain("- [x] 1.2 Implement");
    expect(taskIssue(h, "1", KIRO).state).toBe("closed");
    // A resting state: the next reconcile (any trigger: here a push) reopens nothing and writes nothing
    h.emulator.requests.reset();
    await h.push({ "README.md": "# session store\n" });
    expect(taskIssue(h, "1", KIRO).state).toBe("closed");
    expect(h.emulator.requests.writes()).toBe(0);
    expect(taskIssue(h, "1.3", KIRO).state).toBe("open");
  });

  it("OpenSpec: sections are phases, numbered tasks their sub-issues; a close ticks the line; order alone implies no dependency", async () => {
    h = await startHarness({ files: { [OPENSPEC]: OPENSPEC_LIST } });
    const index = phaseIssue(h, "1", OPENSPEC);
    expect(index.title).toContain("Index");
    expect(["1.1", "1.2"].map((id) => taskIssue(h as Harness, id, OPENSPEC).parent)).toEqual([
      index.number,
      index.number,
    ]);
    expect(taskIssue(h, "2.1", OPENSPEC).blocked_by).toEqual([]);
    expect(phaseIssue(h, "2", OPENSPEC).blocked_by).toEqual([]);

    await closeAndSettle(h, taskIssue(h, "1.2", OPENSPEC).number);
    expect(fileOnMain(h, OPENSPEC)).toBe(OPENSPEC_LIST.replace("- [ ] 1.2", "- [x] 1.2"));

    const gate = await gatesOnPull(
      h,
      "search-route",
      OPENSPEC,
      fileOnMain(h, OPENSPEC).replace("- [ ] 2.1", "- [x] 2.1"),
    );
    expect(gate).toMatchObject({ conclusion: "success" });
  });

  it("spec-kitty: work packages are phases linked by their stated dependency; a close ticks the line; the gate holds WP02 until WP01 is done", async () => {
    h = await startHarness({ files: { [KITTY]: KITTY_LIST } });
    const [wp1, wp2] = [phaseIssue(h, "1", KITTY), phaseIssue(h, "2", KITTY)];
    expect(wp2.blocked_by).toEqual([wp1.number]);
    expect(taskIssue(h, "T003", KITTY).parent).toBe(wp2.number);

    await closeAndSettle(h, taskIssue(h, "T001", KITTY).number);
    expect(fileOnMain(h, KITTY)).toBe(KITTY_LIST.replace("- [ ] T001", "- [x] T001"));

    const gate = await gatesOnPull(
      h,
      "download-route",
      KITTY,
      fileOnMain(h, KITTY).replace("- [ ] T003", "- [x] T003"),
    );
    expect(gate).toMatchObject({ conclusion: "failure" });
    expect(gate.summary).toContain("T002");
  });
});
