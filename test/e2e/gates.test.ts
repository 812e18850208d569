/**
 * The `tasksync / gates` check end to end: the real app against the local GitHub emulator.
 * Pull requests are opened as a person would; the check runs on their head commits.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import type { CheckRunView } from "../github-emulator/index.js";
import { taskIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

const PATH = "specs/001-photo-albums/tasks.md";
const GATES = "tasksync / gates";

/** Foundational done: user stories may start; T010 waits for T009. */
const READY = `# Tasks: Photo albums

## Phase 1: Setup

- [x] T001 Create project structure

## Phase 2: Foundational (Blocking Prerequisites)

- [x] T002 Database schema in \`backend/schema.sql\`

## Phase 3: User Story 1 - Upload photos (Priority: P1) 🎯 MVP

- [ ] T009 [US1] Upload endpoint in \`backend/app.py\`
- [ ] T010 [US1] Upload UI (depends on T009)
`;

/** Foundational still open. */
const NOT_FOUNDED = READY.replace("- [x] T002", "- [ ] T002");

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** An issue's web address on the emulator (the emulator's issue view carries no html_url). */
const issueUrl = (harness: Harness, number: number): string =>
  `${harness.emulator.url}/${harness.owner}/${harness.repo}/issues/${number}`;

/** The newest gates run on a commit. */
function latestGates(harness: Harness, sha: string): CheckRunView {
  const runs = harness.emulator.checkRuns(harness.owner, harness.repo, sha).filter((r) => r.name === GATES);
  const latest = runs.sort((a, b) => b.id - a.id)[0];
  if (!latest) throw new Error(`no ${GATES} run on ${sha}`);
  return latest;
}

async function openPull(
  harness: Harness,
  branch: string,
  title: string,
  text: string,
  body = "",
): Promise<{ number: number; head: string }> {
  const number = harness.emulator.openPullRequest({
    owner: harness.owner,
    repo: harness.repo,
    head: branch,
    title,
    body,
    files: { [PATH]: text },
  });
  await harness.settle();
  const head = harness.emulator.branchSha(harness.owner, harness.repo, branch);
  if (!head) throw new Error(`no branch ${branch}`);
  return { number, head };
}

describe("tasksync / gates end to end", () => {
  it("fails a PR that ticks T010 while its blocker T009 is open, then turns green when T009's issue closes, with no new push", async () => {
    h = await startHarness({ files: { [PATH]: READY } });
    const t009 = taskIssue(h, "T009", PATH);

    const pr = await openPull(h, "upload-ui", "Upload UI", READY.replace("- [ ] T010", "- [x] T010"));

    const failed = latestGates(h, pr.head);
    expect(failed).toMatchObject({ status: "completed", conclusion: "failure", title: "1 gate failed" });
    expect(failed.summary).toContain(`waits for [T009](${issueUrl(h, t009.number)})`);
    expect(failed.annotations).toEqual([
      expect.objectContaining({
        path: PATH,
        start_line: 14,
        annotation_level: "failure",
        message: "T010 waits for T009",
      }),
    ]);

    h.emulator.closeIssue(h.owner, h.repo, t009.number, "completed");
    await h.settle();

    expect(h.emulator.branchSha(h.owner, h.repo, "upload-ui")).toBe(pr.head);
    const passed = latestGates(h, pr.head);
    expect(passed.id).toBeGreaterThan(failed.id);
    expect(passed).toMatchObject({ status: "completed", conclusion: "success", title: "All gates passed" });
  });

  it("with write-back off, the closed issue alone (the file still shows T009 open) turns the check green", async () => {
    h = await startHarness({ files: { [PATH]: READY, ".github/tasksync.yml": "writeBack:\n  enabled: false\n" } });
    const t009 = taskIssue(h, "T009", PATH);
    const pr = await openPull(h, "upload-ui", "Upload UI", READY.replace("- [ ] T010", "- [x] T010"));
    expect(latestGates(h, pr.head).conclusion).toBe("failure");

    h.emulator.closeIssue(h.owner, h.repo, t009.number, "completed");
    await h.settle();

    expect(h.emulator.fileAt(h.owner, h.repo, "main", PATH)).toContain("- [ ] T009");
    expect(latestGates(h, pr.head)).toMatchObject({ conclusion: "success" });
  });

  it("a blocker ticked on the default branch re-checks the waiting PR; an issue closed as not planned does not", async () => {
    h = await startHarness({ files: { [PATH]: READY } });
    const pr = await openPull(h, "upload-ui", "Upload UI", READY.replace("- [ ] T010", "- [x] T010"));
    const failed = latestGates(h, pr.head);

    h.emulator.closeIssue(h.owner, h.repo, taskIssue(h, "T010", PATH).number, "not_planned");
    await h.settle();
    expect(latestGates(h, pr.head).id).toBe(failed.id);

    await h.push({ [PATH]: READY.replace("- [ ] T009", "- [x] T009") });

    expect(latestGates(h, pr.head)).toMatchObject({ conclusion: "success" });
  });

  it("fails a PR that starts a user-story phase while Foundational is open, naming the open Foundational task", async () => {
    h = await startHarness({ files: { [PATH]: NOT_FOUNDED } });
    const t002 = taskIssue(h, "T002", PATH);

    const pr = await openPull(h, "upload-endpoint", "Upload endpoint", NOT_FOUNDED.replace("- [ ] T009", "- [x] T009"));

    const run = latestGates(h, pr.head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.summary).toContain(
      `waits for **Phase 2: Foundational (Blocking Prerequisites)**, which has open tasks: [T002](${issueUrl(h, t002.number)})`,
    );
    expect(run.text).toContain("```mermaid");
  });

  it("fails a PR that adds a duplicate id, with an annotation on that line", async () => {
    h = await startHarness({ files: { [PATH]: READY } });

    const pr = await openPull(h, "more-tasks", "More upload tasks", `${READY}- [ ] T010 [US1] Upload progress bar\n`);

    const run = latestGates(h, pr.head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", title: "1 gate failed" });
    expect(run.annotations).toEqual([
      expect.objectContaining({
        path: PATH,
        start_line: 15,
        end_line: 15,
        annotation_level: "failure",
        title: "Task list error (duplicate-id)",
      }),
    ]);
  });

  it("a PR that touches no task passes with a one-line summary; a re-run request checks it again", async () => {
    h = await startHarness({ files: { [PATH]: READY } });
    const number = h.emulator.openPullRequest({
      owner: h.owner,
      repo: h.repo,
      head: "docs",
      title: "Docs",
      files: { "README.md": "# docs\n" },
    });
    await h.settle();
    const head = h.emulator.branchSha(h.owner, h.repo, "docs") as string;
    const first = latestGates(h, head);
    expect(first).toMatchObject({ conclusion: "success", summary: "This pull request touches no tasks." });

    h.emulator.rerequestCheckRun(first.id);
    await h.settle();

    expect(number).toBeGreaterThan(0);
    expect(latestGates(h, head).id).toBeGreaterThan(first.id);
  });

  it("advisory mode reports a PR ticking a blocked task as neutral", async () => {
    h = await startHarness({ files: { [PATH]: READY, ".github/tasksync.yml": "gates:\n  mode: advisory\n" } });

    const pr = await openPull(h, "upload-ui", "Upload UI", READY.replace("- [ ] T010", "- [x] T010"));

    expect(latestGates(h, pr.head)).toMatchObject({ conclusion: "neutral", title: "1 gate failed (advisory)" });
  });
});
