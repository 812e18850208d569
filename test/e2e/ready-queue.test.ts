/**
 * The ready queue end to end: the real app against the GitHub emulator. `ready` is on exactly the
 * tasks whose blockers are done; closing a blocker's issue moves it to the dependant with no push
 * (the issues.closed event's reconcile ticks the line and moves the label), and reopening moves it back.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseMarker } from "../../src/identity/marker.js";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { issuesOf, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The ids of the issues carrying `ready` ("phase"/"tracking" for the others). */
const ready = (harness: Harness): string[] =>
  issuesOf(harness)
    .filter((i) => i.labels.includes("ready"))
    .map((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "task" ? m.id : String(m?.kind);
    })
    .sort();

const fileOnMain = (harness: Harness): string =>
  harness.emulator.fileAt(harness.owner, harness.repo, "main", PATH) ?? "";
const patchesOf = (harness: Harness, number: number): number =>
  harness.emulator.requests.entries.filter(
    (e) => e.method === "PATCH" && e.path === `/repos/${harness.owner}/${harness.repo}/issues/${number}`,
  ).length;

describe("the ready queue end to end", () => {
  it("moves `ready` from a blocker to its dependant when the blocker's issue closes, and back when it reopens, without a push", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    expect(ready(h)).toEqual(["T001"]);
    expect(h.emulator.labels(h.owner, h.repo).find((l) => l.name === "ready")?.color).toBe("0e8a16");
    const t001 = taskIssue(h, "T001", PATH);
    const t003 = taskIssue(h, "T003", PATH);
    expect(trackingIssue(h, PATH).body).toContain(
      `**Ready now (1):**\n\n- #${t001.number} T001 Create project structure\n`,
    );
    h.emulator.editIssue(h.owner, h.repo, t003.number, { labels: [...t003.labels, "needs-design"] }, "mona");
    await h.settle();
    const commits = h.emulator.commits(h.owner, h.repo).length;

    h.emulator.requests.reset();
    h.emulator.closeIssue(h.owner, h.repo, t001.number, "completed", "mona");
    await h.settle();

    expect(h.emulator.commits(h.owner, h.repo)).toHaveLength(commits + 1); // tasksync's tick, no one else's push
    expect(fileOnMain(h)).toBe(LIST.replace("- [ ] T001", "- [x] T001"));
    expect(ready(h)).toEqual(["T003"]);
    expect(taskIssue(h, "T003", PATH).labels).toContain("needs-design");
    expect(patchesOf(h, t003.number)).toBe(1); // one update, not a remove-then-add churn
    const tracking = trackingIssue(h, PATH).body ?? "";
    expect(tracking).toContain(`- #${t003.number} T003 Database schema in \`backend/schema.sql\``);
    expect(tracking).toMatch(/ {2}class P0,T0,T1 done\n {2}class P1,T2 ready\n {2}class P2,T3,T4 blocked\n/);

    h.emulator.reopenIssue(h.owner, h.repo, t001.number, "mona");
    await h.settle();

    expect(fileOnMain(h)).toBe(LIST);
    expect(ready(h)).toEqual(["T001"]);
    expect(taskIssue(h, "T003", PATH).labels).toContain("needs-design");
  });

  it("a push that ticks the last task of a phase makes the next phase's tasks ready, and a task given an open blocker loses it", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const ticked = LIST.replace("- [ ] T001", "- [x] T001").replace("- [ ] T003", "- [x] T003");
    await h.push({ [PATH]: ticked });
    expect(ready(h)).toEqual(["T004"]); // T005 waits for T004

    await h.push({
      [PATH]: ticked.replace(
        "- [ ] T004 [P] [US1] Upload endpoint",
        "- [ ] T004 [P] [US1] Upload endpoint (depends on T006)\n- [ ] T006 Storage bucket",
      ),
    });
    expect(ready(h)).toEqual(["T006"]);
    expect(taskIssue(h, "T004", PATH).state).toBe("open");
  });
});
