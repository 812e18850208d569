/**
 * Partial sync end to end: the real app against the local GitHub emulator. A duplicate id holds
 * back only its task; every other task syncs; a close made meanwhile is carried into the file once
 * the duplicate is fixed; the gates report the held task.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseMarker } from "../../src/identity/marker.js";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { issuesOf, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { diffOffsets } from "../support/text-diff.js";
import { startHarness, type Harness } from "./harness.js";

/** Line 16 takes T003's id (line 10); T006 is new. */
const DUPLICATE = `${LIST}- [ ] T003 [US1] Album page\n- [ ] T006 [US1] Share dialog (depends on T005)\n`;
/** The duplicate fixed: line 16 becomes T007. */
const FIXED = DUPLICATE.replace("- [ ] T003 [US1] Album page", "- [ ] T007 [US1] Album page");

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const fileOnMain = (harness: Harness): string =>
  harness.emulator.fileAt(harness.owner, harness.repo, "main", PATH) ?? "";
const diagnostics = (harness: Harness): string =>
  harness.emulator
    .comments(harness.owner, harness.repo, trackingIssue(harness, PATH).number)
    .find((c) => c.body.startsWith("<!-- tasksync:diagnostics -->"))?.body ?? "";
/** Task issues per task id: each must appear once. */
function taskIds(harness: Harness): string[] {
  return issuesOf(harness).flatMap((i) => {
    const m = parseMarker(i.body);
    return m?.kind === "task" ? [m.id] : [];
  });
}

describe("partial sync end to end", () => {
  it("a duplicate id holds back only its task; a close made while held ticks the line once the duplicate is fixed", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const t003 = taskIssue(h, "T003", PATH);

    await h.push({ [PATH]: DUPLICATE }, "Add tasks (one with a taken id)");
    // every other task syncs: T006 is created, blocked by T005
    const t006 = taskIssue(h, "T006", PATH);
    expect(t006.blocked_by).toEqual([taskIssue(h, "T005", PATH).number]);
    // the held task's issue is left exactly as it was
    expect(taskIssue(h, "T003", PATH)).toMatchObject({
      number: t003.number,
      title: t003.title,
      body: t003.body,
      state: "open",
      parent: t003.parent,
    });
    expect(diagnostics(h)).toContain("**T003** (lines 10 and 16): duplicate task id T003 (first used on line 10)");

    const commitsBefore = h.emulator.commits(h.owner, h.repo).length;
    h.emulator.closeIssue(h.owner, h.repo, t003.number, "completed", "mona");
    await h.settle();
    expect(fileOnMain(h)).toBe(DUPLICATE); // held: its line is not written
    expect(h.emulator.commits(h.owner, h.repo)).toHaveLength(commitsBefore);
    expect(taskIssue(h, "T003", PATH).state).toBe("closed"); // and its issue is not reopened

    await h.push({ [PATH]: FIXED }, "Renumber the album page task");
    const after = fileOnMain(h);
    expect(diffOffsets(FIXED, after, "utf8")).toHaveLength(1);
    expect(after).toBe(FIXED.replace("- [ ] T003 Database", "- [x] T003 Database"));
    expect(taskIssue(h, "T003", PATH)).toMatchObject({ number: t003.number, state: "closed" });
    expect(taskIssue(h, "T007", PATH).state).toBe("open");
    const ids = taskIds(h);
    expect(ids.sort()).toEqual(["T001", "T002", "T003", "T004", "T005", "T006", "T007"]);
    expect(diagnostics(h)).toContain("parses cleanly again");
    const tracking = parseMarker(trackingIssue(h, PATH).body);
    expect(tracking).toMatchObject({ kind: "tracking" });
    expect(tracking?.kind === "tracking" ? [tracking.held, tracking.diag] : []).toEqual([undefined, undefined]);
  });

  it("the gates report the held task, and a PR completing it does not pass", async () => {
    h = await startHarness({ files: { [PATH]: DUPLICATE } });
    h.emulator.openPullRequest({
      owner: h.owner,
      repo: h.repo,
      head: "db-schema",
      title: "Database schema",
      files: { [PATH]: DUPLICATE.replace("- [ ] T003 Database", "- [x] T003 Database") },
    });
    await h.settle();
    const head = h.emulator.branchSha(h.owner, h.repo, "db-schema") ?? "";
    const run = h.emulator.checkRuns(h.owner, h.repo, head).find((r) => r.name === "tasksync / gates");
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.summary).toContain("holds back T003");
    expect(run?.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: PATH, start_line: 16, title: "Task list error (duplicate-id)" }),
        expect.objectContaining({ path: PATH, start_line: 10, title: "T003 is held back" }),
      ]),
    );
  });
});
