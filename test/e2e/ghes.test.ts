/**
 * GitHub Enterprise Server end to end: the emulator plays GHES 3.16 (no sub-issue REST, no
 * GraphQL sub-issues, no dependency API), 3.18 (GraphQL sub-issues, no dependencies) and 3.19
 * (GraphQL sub-issues and dependencies). Each syncs the demo list completely, writes a closed
 * issue back to the file and gates a pull request on the file's dependencies.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEMO_LIST, DEMO_PATH } from "../../demo/run-demo.js";
import { issuesOf, findByMarker, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const phaseIssue = (harness: Harness, phase: string) => {
  const found = findByMarker(harness, (m) => m.kind === "phase" && m.phase === phase && m.path === DEMO_PATH);
  if (!found) throw new Error(`no phase ${phase}`);
  return found;
};

describe.each([
  ["3.16", { subIssues: false, dependencies: false }],
  ["3.18", { subIssues: true, dependencies: false }],
  ["3.19", { subIssues: true, dependencies: true }],
])("GitHub Enterprise Server %s", (version, has) => {
  it("syncs the demo list completely, writes a closed issue back and gates a pull request", async () => {
    h = await startHarness({ files: { [DEMO_PATH]: DEMO_LIST }, install: false });
    h.emulator.setHostMode({ kind: "ghes", version });
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();

    // every issue exists, and no request asked for something this GHES version lacks
    expect(issuesOf(h)).toHaveLength(1 + 5 + 11);
    expect(h.emulator.unmatched).toEqual([]);
    const tracking = trackingIssue(h, DEMO_PATH);
    const phase3 = phaseIssue(h, "3");
    const t005 = taskIssue(h, "T005", DEMO_PATH);
    const t006 = taskIssue(h, "T006", DEMO_PATH);

    // the hierarchy: sub-issues where the host has them, task lists in the parents' bodies where not
    if (has.subIssues) {
      expect(h.emulator.subIssues(h.owner, h.repo, tracking.number)).toHaveLength(5);
      expect(h.emulator.subIssues(h.owner, h.repo, phase3.number).map((i) => i.number)).toEqual(
        ["T005", "T006", "T007"].map((id) => taskIssue(h!, id, DEMO_PATH).number),
      );
      expect(phase3.body).not.toContain("**Sub-issues:**");
    } else {
      expect(h.emulator.subIssues(h.owner, h.repo, tracking.number)).toEqual([]);
      expect(phase3.body).toContain(`**Sub-issues:**\n\n- [ ] #${t005.number}\n- [ ] #${t006.number}\n`);
      expect(tracking.body).toContain(`- [ ] #${phase3.number}`);
      expect(h.emulator.issue(h.owner, h.repo, phaseIssue(h, "1").number).body).toMatch(/- \[x\] #\d+\n- \[x\] #\d+/);
    }
    // blocked-by: linked natively, or named in the body
    if (has.dependencies) {
      expect(h.emulator.blockedBy(h.owner, h.repo, t006.number).map((i) => i.number)).toEqual([t005.number]);
      expect(t006.body).not.toContain(`Blocked by #`);
    } else {
      expect(t006.body).toContain(`Blocked by #${t005.number}`);
    }
    for (const issue of issuesOf(h)) expect(issue.body).not.toContain("{{tasksync-issue:");

    // nothing left to do: a redelivered sync writes nothing
    h.emulator.requests.reset();
    await h.push({ "README.md": "unrelated\n" });
    expect(h.emulator.requests.writes()).toBe(0);

    // write-back: closing T003's issue ticks the file
    h.emulator.closeIssue(h.owner, h.repo, taskIssue(h, "T003", DEMO_PATH).number, "completed");
    await h.settle();
    const after = h.emulator.fileAt(h.owner, h.repo, "main", DEMO_PATH) ?? "";
    expect(after).toContain("- [x] T003 ");

    // the gate enforces the file's dependencies, whatever the host links
    h.emulator.openPullRequest({
      owner: h.owner,
      repo: h.repo,
      head: "save-button",
      title: "Save button",
      files: { [DEMO_PATH]: after.replace("- [ ] T006 ", "- [x] T006 ") },
    });
    await h.settle();
    const head = h.emulator.branchSha(h.owner, h.repo, "save-button") ?? "";
    const gates = h.emulator.checkRuns(h.owner, h.repo, head).filter((r) => r.name === "tasksync / gates");
    expect(gates.at(-1)).toMatchObject({ conclusion: "failure" });
    expect(gates.at(-1)?.summary).toMatch(/T006.*waits for.*T005/);
    expect(h.emulator.unmatched).toEqual([]);
  });
});
