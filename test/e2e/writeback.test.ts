/**
 * Write-back end to end: the real app against the local GitHub emulator. A person closes or
 * reopens a task's issue; tasksync ticks or unticks the task in tasks.md on the default branch.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { phaseIssue, taskIssue } from "../support/issues-by-marker.js";
import { diffOffsets } from "../support/text-diff.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const fileOnMain = (harness: Harness): string =>
  harness.emulator.fileAt(harness.owner, harness.repo, "main", PATH) ?? "";
const commitsOnMain = (harness: Harness) => harness.emulator.commits(harness.owner, harness.repo);

function close(harness: Harness, id: string, reason: "completed" | "not_planned" = "completed"): void {
  harness.emulator.closeIssue(harness.owner, harness.repo, taskIssue(harness, id, PATH).number, reason, "mona");
}

describe("write-back end to end", () => {
  it("closing a task's issue commits a tick that changes exactly one byte; the phase follows; the push of that commit writes nothing", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const before = fileOnMain(h);
    const commitsBefore = commitsOnMain(h).length;
    expect(phaseIssue(h, "2", PATH).state).toBe("open");

    close(h, "T003");
    await h.settle();

    const after = fileOnMain(h);
    expect(diffOffsets(before, after, "utf8")).toHaveLength(1);
    expect(after).toBe(before.replace("- [ ] T003", "- [x] T003"));
    const commits = commitsOnMain(h);
    expect(commits).toHaveLength(commitsBefore + 1);
    expect(commits[0]?.message).toBe(`Tick T003 in ${PATH}`);
    // T003 was the last open task of phase 2: the reconcile at the new commit closed the phase
    expect(phaseIssue(h, "2", PATH).state).toBe("closed");
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");

    // The commit came back as a push, and was delivered
    const head = commits[0]?.sha;
    const push = h.emulator.sentWebhooks().find((e) => e.name === "push" && e.payload["after"] === head);
    expect(push).toBeDefined();
    expect(
      h.emulator.deliveries().find((d) => d.payload === push?.payload || d.payload["after"] === head)?.status,
    ).toBeLessThan(300);

    // Even after a restart (tasksync has forgotten its own commits), that push makes no writes
    h.runtime.ownCommits.clear();
    h.emulator.requests.reset();
    h.emulator.webhooks.send("push", push?.payload ?? {});
    await h.settle();
    // the push was handled: its commit's tree was read and compared with the tracked issues ...
    expect(
      h.emulator.requests.entries
        .filter((e) => e.route === "GET /repos/{owner}/{repo}/git/trees/{tree_sha}")
        .map((e) => e.path),
    ).toEqual([`/repos/${h.owner}/${h.repo}/git/trees/${head}?recursive=1`]);
    expect(h.emulator.requests.count("GET /repos/{owner}/{repo}/issues")).toBe(1);
    expect(h.emulator.requests.writes()).toBe(0); // ... and wrote nothing
    expect(commitsOnMain(h)).toHaveLength(commitsBefore + 1);
  });

  it("reopening the issue unticks the task, and the phase reopens", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    close(h, "T003");
    await h.settle();
    expect(fileOnMain(h)).toContain("- [x] T003");

    h.emulator.reopenIssue(h.owner, h.repo, taskIssue(h, "T003", PATH).number, "mona");
    await h.settle();

    expect(fileOnMain(h)).toBe(LIST);
    expect(commitsOnMain(h)[0]?.message).toBe(`Untick T003 in ${PATH}`);
    expect(phaseIssue(h, "2", PATH).state).toBe("open");
    expect(taskIssue(h, "T003", PATH).state).toBe("open");
  });

  it("ten issues closed at once become one commit", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `T${String(i + 1).padStart(3, "0")}`);
    const list = `# Tasks: Many\n\n## Phase 1: Setup\n\n${ids.map((id) => `- [ ] ${id} Task ${id}`).join("\n")}\n`;
    h = await startHarness({ files: { [PATH]: list }, batchWindowMs: 1000 });
    const commitsBefore = commitsOnMain(h).length;

    for (const id of ids) close(h, id);
    await h.settle();

    const commits = commitsOnMain(h);
    expect(commits).toHaveLength(commitsBefore + 1);
    expect(commits[0]?.message).toBe(`Tick T001, T002, T003, T004, T005, T006, T007, T008 (+2 more) in ${PATH}`);
    expect(fileOnMain(h)).toBe(list.replace(/- \[ \]/g, "- [x]"));
    expect(diffOffsets(list, fileOnMain(h), "utf8")).toHaveLength(10);
    expect(phaseIssue(h, "1", PATH).state).toBe("closed");
  });

  it("someone commits to the file at the same moment: tasksync re-reads and both changes survive", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const harness = h;
    const theirs = LIST.replace(
      "- [ ] T005 [US1] Upload UI (depends on T004)\n",
      "- [ ] T005 [US1] Upload UI (depends on T004)\n- [ ] T006 [US1] Album page\n",
    );
    let raced = false;
    // Right after tasksync reads the task list, a person pushes a change to it: tasksync's write is stale.
    harness.emulator.requests.onEntry = (entry) => {
      if (
        raced ||
        entry.method !== "GET" ||
        !entry.path.includes("/contents/") ||
        !entry.path.includes("tasks.md") ||
        !entry.path.includes("ref=main")
      )
        return;
      raced = true;
      harness.emulator.commit({
        owner: harness.owner,
        repo: harness.repo,
        files: { [PATH]: theirs },
        message: "Add T006",
        author: "mona",
      });
    };

    close(harness, "T003");
    await harness.settle();

    expect(raced).toBe(true);
    expect(harness.emulator.requests.entries.some((e) => e.method === "PUT" && e.status === 409)).toBe(true);
    expect(fileOnMain(harness)).toBe(theirs.replace("- [ ] T003", "- [x] T003"));
    expect(
      commitsOnMain(harness)
        .slice(0, 2)
        .map((c) => c.message),
    ).toEqual([`Tick T003 in ${PATH}`, "Add T006"]);
    expect(taskIssue(harness, "T006", PATH).state).toBe("open");
    // the pushes of both commits were reconciled in order: T003 stays closed, its phase follows
    expect(taskIssue(harness, "T003", PATH).state).toBe("closed");
    expect(phaseIssue(harness, "2", PATH).state).toBe("closed");
  });

  it("someone commits to the file during the batch window: the tick lands on top, and the issues follow both commits", async () => {
    h = await startHarness({ files: { [PATH]: LIST }, batchWindowMs: 500 });
    const theirs = LIST.replace(
      "- [ ] T005 [US1] Upload UI (depends on T004)\n",
      "- [ ] T005 [US1] Upload UI (depends on T004)\n- [ ] T006 [US1] Album page\n",
    );

    h.emulator.requests.reset();
    close(h, "T003");
    // The app has answered the issues.closed webhook: the batch is open and its 500 ms window has
    // begun. Nothing has read the task list yet, so their commit lands inside the window.
    await h.emulator.webhooksDelivered();
    expect(
      h.emulator.requests.entries.filter(
        (e) => e.route === "GET /repos/{owner}/{repo}/contents/{path}" && e.path.includes("tasks.md"),
      ),
    ).toEqual([]);
    h.emulator.commit({ owner: h.owner, repo: h.repo, files: { [PATH]: theirs }, message: "Add T006", author: "mona" });
    await h.settle();

    expect(fileOnMain(h)).toBe(theirs.replace("- [ ] T003", "- [x] T003"));
    expect(
      commitsOnMain(h)
        .slice(0, 2)
        .map((c) => c.message),
    ).toEqual([`Tick T003 in ${PATH}`, "Add T006"]);
    // their push (queued behind the write-back) must not be reconciled after the tick: T003 stays closed
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
    expect(phaseIssue(h, "2", PATH).state).toBe("closed");
    expect(taskIssue(h, "T006", PATH).state).toBe("open");
  });

  it("a protected default branch: the ticks go to one pull request, linked on each issue", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.protectBranch(h.owner, h.repo, "main");
    const mainBefore = h.emulator.branchSha(h.owner, h.repo);

    close(h, "T003");
    await h.settle();
    close(h, "T001");
    await h.settle();

    expect(h.emulator.branchSha(h.owner, h.repo)).toBe(mainBefore);
    const pulls = h.emulator.issues(h.owner, h.repo).filter((i) => i.is_pull_request && i.state === "open");
    expect(pulls).toHaveLength(1);
    const onBranch = h.emulator.fileAt(h.owner, h.repo, "tasksync/ticks", PATH);
    expect(onBranch).toBe(LIST.replace("- [ ] T003", "- [x] T003").replace("- [ ] T001", "- [x] T001"));
    for (const id of ["T003", "T001"]) {
      const bodies = h.emulator.comments(h.owner, h.repo, taskIssue(h, id, PATH).number).map((c) => c.body);
      expect(bodies.filter((b) => b.includes(`/pull/${pulls[0]?.number}`))).toHaveLength(1);
    }
  });

  it("a missing permission: no commit, one comment naming it, no retries", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.setPermissions(h.installationId, {
      metadata: "read",
      contents: "read",
      issues: "write",
      pull_requests: "write",
      checks: "write",
    });
    const mainBefore = h.emulator.branchSha(h.owner, h.repo);
    h.emulator.requests.reset();

    close(h, "T003");
    await h.settle();

    expect(h.emulator.branchSha(h.owner, h.repo)).toBe(mainBefore);
    expect(h.emulator.requests.entries.filter((e) => e.method === "PUT" && e.path.includes("/contents/"))).toHaveLength(
      1,
    );
    const bodies = h.emulator.comments(h.owner, h.repo, taskIssue(h, "T003", PATH).number).map((c) => c.body);
    expect(bodies.filter((b) => b.includes("`contents: write`"))).toHaveLength(1);
  });

  it("closed as not planned: the checkbox stays", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const mainBefore = h.emulator.branchSha(h.owner, h.repo);

    close(h, "T003", "not_planned");
    await h.settle();

    expect(h.emulator.branchSha(h.owner, h.repo)).toBe(mainBefore);
    expect(fileOnMain(h)).toBe(LIST);
  });
});
