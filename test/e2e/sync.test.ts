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

/** Writes made through the API since the last reset (the emulator's own helpers don't count). */
const writesSince = (harness: Harness) => harness.emulator.requests.writes();

describe("sync end to end", () => {
  it("syncs the task lists already there when the app is installed", async () => {
    h = await startHarness({ files: { [PATH]: LIST, "README.md": "# app\n" } });
    expect(issuesOf(h)).toHaveLength(1 + 3 + 5);
    const t004 = taskIssue(h, "T004", PATH);
    const t005 = taskIssue(h, "T005", PATH);
    expect(h.emulator.blockedBy(h.owner, h.repo, t005.number).map((i) => i.number)).toEqual([t004.number]);
    expect(taskIssue(h, "T002", PATH).state).toBe("closed");
    expect([...t004.labels].sort()).toEqual(
      ["feature: 001-photo-albums", "mvp", "parallel", "phase: 3", "priority: P1", "story: US1", "tasksync"].sort(),
    );
    const tracking = trackingIssue(h, PATH);
    const phases = h.emulator.subIssues(h.owner, h.repo, tracking.number);
    expect(phases.map((p) => p.title)).toEqual([
      "001-photo-albums · Phase 1: Setup",
      "001-photo-albums · Phase 2: Foundational (Blocking Prerequisites)",
      "001-photo-albums · Phase 3: User Story 1 - Upload photos (Priority: P1) 🎯 MVP",
    ]);
    expect(h.emulator.subIssues(h.owner, h.repo, phases[2]!.number).map((i) => i.number)).toEqual([
      t004.number,
      t005.number,
    ]);
    expect(h.emulator.blockedBy(h.owner, h.repo, phases[2]!.number).map((i) => i.number)).toEqual([phases[1]!.number]);
    expect(tracking.body).toContain("```mermaid");
  });

  it("creates issues on a push, and a redelivered push makes no writes", async () => {
    h = await startHarness();
    await h.push({ [PATH]: LIST });
    expect(issuesOf(h)).toHaveLength(9);
    h.emulator.requests.reset();
    h.emulator.deliverTwice(true);
    await h.push({ [PATH]: LIST.replace("- [ ] T001", "- [x] T001") });
    // close T001 (and take its `ready` off, in the same update), close phase 1 (now all done),
    // put `ready` on T003 (phase 2 may start), record progress on the tracking issue
    expect(writesSince(h)).toBe(4);
    expect(taskIssue(h, "T003", PATH).labels).toContain("ready");
    expect(taskIssue(h, "T001", PATH).state).toBe("closed");
    h.emulator.requests.reset();
    h.emulator.deliverTwice(false);
    await h.push({ "README.md": "unrelated\n" });
    expect(writesSince(h)).toBe(0);
    expect(issuesOf(h)).toHaveLength(9);
  });

  it("follows edits, unticks, removals and returns", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    await h.push({ [PATH]: LIST.replace("Database schema", "Database schema and migrations") });
    expect(taskIssue(h, "T003", PATH).title).toBe("T003 Database schema and migrations in `backend/schema.sql`");

    await h.push({ [PATH]: LIST.replace("- [x] T002", "- [ ] T002") });
    expect(taskIssue(h, "T002", PATH).state).toBe("open");

    const without = LIST.replace("- [ ] T005 [US1] Upload UI (depends on T004)\n", "");
    await h.push({ [PATH]: without });
    const removed = taskIssue(h, "T005", PATH);
    expect(removed.state).toBe("closed");
    expect(removed.state_reason).toBe("not_planned");
    expect(
      h.emulator
        .comments(h.owner, h.repo, removed.number)
        .map((c) => c.body)
        .join("\n"),
    ).toContain("removed from");

    await h.push({ [PATH]: LIST });
    expect(taskIssue(h, "T005", PATH).state).toBe("open");
    expect(issuesOf(h)).toHaveLength(9);
  });

  it("never reopens an issue someone closed when the push didn't untick it", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const t003 = taskIssue(h, "T003", PATH);
    h.emulator.closeIssue(h.owner, h.repo, t003.number, "not_planned");
    await h.settle();
    await h.push({ [PATH]: LIST.replace("Upload UI", "Upload page") });
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
  });

  it("keeps every issue when a regenerated list shifts the ids", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const before = new Map(["T001", "T003", "T004", "T005"].map((id) => [id, taskIssue(h!, id, PATH).number]));
    const shifted = LIST.replace(
      "- [ ] T001 Create project structure",
      "- [ ] T001 Pick a licence\n- [ ] T002 Create project structure",
    )
      .replace("- [x] T002 [P]", "- [x] T003 [P]")
      .replace("T003 Database", "T004 Database")
      .replace("T004 [P] [US1]", "T005 [P] [US1]")
      .replace("T005 [US1] Upload UI (depends on T004)", "T006 [US1] Upload UI (depends on T005)");
    await h.push({ [PATH]: shifted });
    expect(issuesOf(h)).toHaveLength(10);
    expect(taskIssue(h, "T002", PATH).number).toBe(before.get("T001"));
    expect(taskIssue(h, "T004", PATH).number).toBe(before.get("T003"));
    expect(taskIssue(h, "T006", PATH).number).toBe(before.get("T005"));
    expect(h.emulator.blockedBy(h.owner, h.repo, before.get("T005")!).map((i) => i.number)).toEqual([
      before.get("T004"),
    ]);
  });

  it("keeps two features with the same ids apart", async () => {
    const other = "specs/002-sharing/tasks.md";
    h = await startHarness({ files: { [PATH]: LIST, [other]: LIST.replace("Photo albums", "Sharing") } });
    expect(issuesOf(h)).toHaveLength(18);
    expect(taskIssue(h, "T001", other).number).not.toBe(taskIssue(h, "T001", PATH).number);
    expect(taskIssue(h, "T001", other).labels).toContain("feature: 002-sharing");
  });

  it("splits a phase of 150 tasks within GitHub's 100 sub-issues per parent", async () => {
    const tasks = Array.from({ length: 150 }, (_, i) => `- [ ] T${String(i + 1).padStart(3, "0")} Task ${i + 1}`);
    const list = `# Tasks: Big\n\n## Phase 1: Setup\n\n${tasks.join("\n")}\n`;
    h = await startHarness({ files: { [PATH]: list } });
    const tracking = trackingIssue(h, PATH);
    const parts = h.emulator.subIssues(h.owner, h.repo, tracking.number);
    expect(parts).toHaveLength(2);
    expect(h.emulator.subIssues(h.owner, h.repo, parts[0]!.number)).toHaveLength(100);
    expect(h.emulator.subIssues(h.owner, h.repo, parts[1]!.number)).toHaveLength(50);
    expect(tracking.body).toContain("split into 2 phase issues");
    expect(issuesOf(h)).toHaveLength(1 + 2 + 150);

    // The next sync must read every one of the 153 tracked issues (two pages of 100): one that
    // stopped at the first page would take the others for missing and create them again.
    h.emulator.requests.reset();
    await h.push({ [PATH]: list.replace("- [ ] T150 Task 150\n", "- [ ] T150 Task 150, renamed\n") });
    expect(issuesOf(h)).toHaveLength(1 + 2 + 150);
    const t150 = taskIssue(h, "T150", PATH);
    expect(t150.title).toBe("T150 Task 150, renamed");
    // Exactly two writes: the renamed task's title, then the tracking issue's marker recording the
    // new version of the list. The phase issues list no task titles, so neither part changes.
    expect(h.emulator.requests.writes()).toBe(2);
    expect(h.emulator.requests.entries.filter((e) => e.method === "PATCH").map((e) => e.path)).toEqual([
      `/repos/${h.owner}/${h.repo}/issues/${t150.number}`,
      `/repos/${h.owner}/${h.repo}/issues/${tracking.number}`,
    ]);
  });

  it("waits out a storm of secondary rate limits and finishes the work", async () => {
    h = await startHarness({ install: false, files: { [PATH]: LIST } });
    h.emulator.secondaryRateLimit({ max: 4, windowMs: 150, retryAfterSeconds: 0.15 });
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();
    expect(h.emulator.requests.counts().byStatus["403"]).toBeGreaterThan(3);
    expect(issuesOf(h)).toHaveLength(9);
    expect(h.emulator.blockedBy(h.owner, h.repo, taskIssue(h, "T005", PATH).number)).toHaveLength(1);
  });

  it("a create answered 500 that GitHub did not apply: tasksync looks, finds none, and creates it once", async () => {
    h = await startHarness({ install: false, files: { [PATH]: LIST } });
    h.emulator.failNth(25, 500); // part-way through creating the issues (after reads, the issue-types read and labels, "ready" too)
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();
    // the create that failed is a GraphQL createIssue (a new issue under its parent): looked for, then sent again once
    expect(h.emulator.requests.entries.filter((e) => e.status === 500).map((e) => `${e.method} ${e.path}`)).toEqual([
      "POST /graphql",
    ]);
    expect(
      h.emulator.requests.entries.filter((e) => e.method === "GET" && /\/issues\?.*since=/.test(e.path)),
    ).toHaveLength(1);
    expect(issuesOf(h)).toHaveLength(9);
    const keys = issuesOf(h).map((i) => JSON.stringify(parseMarker(i.body)));
    expect(new Set(keys).size).toBe(9);
    expect(h.emulator.blockedBy(h.owner, h.repo, taskIssue(h, "T005", PATH).number)).toHaveLength(1);
  });

  it("resumes a sync cut off midway (GitHub failing twice in a row) by itself, without duplicates", async () => {
    h = await startHarness({ install: false, files: { [PATH]: LIST } });
    h.emulator.failNth(23, 500); // a create ...
    h.emulator.failNth(24, 500); // ... and the look for it: the reconcile stops there
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();
    const deadline = Date.now() + 20_000;
    const finished = (harness: Harness): boolean => {
      const marker = issuesOf(harness)
        .map((i) => parseMarker(i.body))
        .find((m) => m?.kind === "tracking");
      return marker?.kind === "tracking" && marker.states !== undefined; // the record is written last
    };
    while (!finished(h)) {
      if (Date.now() > deadline) throw new Error(`the sync did not resume: ${issuesOf(h).length} issues`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await h.settle();
    expect(h.emulator.requests.entries.filter((e) => e.status === 500)).toHaveLength(2);
    expect(issuesOf(h)).toHaveLength(9);
    expect(taskIssue(h, "T002", PATH).state).toBe("closed");
    expect(h.emulator.blockedBy(h.owner, h.repo, taskIssue(h, "T005", PATH).number)).toHaveLength(1);
    const keys = issuesOf(h).map((i) => JSON.stringify(parseMarker(i.body)));
    expect(new Set(keys).size).toBe(9);
  });

  it("syncs a malformed list but the tasks its errors hold back, and posts the diagnostics as one comment", async () => {
    h = await startHarness();
    const bad = LIST.replace("- [ ] T005 [US1] Upload UI", "- [ ] T004 [US1] Upload UI");
    await h.push({ [PATH]: bad });
    expect(issuesOf(h)).toHaveLength(7); // tracking, 3 phases, T001-T003: T004 is held back
    const tracking = trackingIssue(h, PATH);
    const comments = () => h!.emulator.comments(h!.owner, h!.repo, tracking.number);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toMatch(/line 15: .*T004/);
    expect(comments()[0]!.body).toContain("**T004** (lines 14 and 15)");
    const t003 = taskIssue(h, "T003", PATH);
    await h.push({ [PATH]: bad.replace("- [ ] T003", "- [ ] T002") });
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain("**T002**");
    expect(taskIssue(h, "T003", PATH)).toMatchObject({ number: t003.number, state: "open" }); // its line may be the duplicate
    await h.push({ [PATH]: LIST });
    expect(issuesOf(h)).toHaveLength(9);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain("parses cleanly again");
  });

  it("ignores pushes to other branches", async () => {
    h = await startHarness();
    h.emulator.commit({ owner: h.owner, repo: h.repo, branch: "feature", files: { [PATH]: LIST } });
    await h.settle();
    expect(issuesOf(h)).toHaveLength(0);
  });

  it("reports a bad config as a failed check on the pushed commit and changes nothing", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const count = issuesOf(h).length;
    const sha = await h.push({
      ".github/tasksync.yml": "gates:\n  mode: lax\n",
      [PATH]: LIST.replace("- [ ] T001", "- [x] T001"),
    });
    const runs = h.emulator.checkRuns(h.owner, h.repo, sha);
    const run = runs.find((r) => r.name === "tasksync / config");
    expect(run?.conclusion).toBe("failure");
    expect(run?.summary).toContain("gates.mode");
    expect(issuesOf(h)).toHaveLength(count);
    expect(taskIssue(h, "T001", PATH).state).toBe("open");
  });
});

describe("/tasksync sync", () => {
  it("re-syncs the feature when someone with write access asks, and refuses others", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const t001 = taskIssue(h, "T001", PATH);
    h.emulator.editIssue(h.owner, h.repo, t001.number, { title: "renamed by hand" });
    const tracking = trackingIssue(h, PATH);

    h.emulator.commentOnIssue(h.owner, h.repo, tracking.number, "/tasksync sync", "visitor");
    await h.settle();
    expect(taskIssue(h, "T001", PATH).title).toBe("renamed by hand");
    const replies = h.emulator.comments(h.owner, h.repo, tracking.number).map((c) => c.body);
    expect(replies.at(-1)).toBe("@visitor `/tasksync sync` needs write access to this repository.");

    h.emulator.setCollaborator(h.owner, h.repo, "maintainer", "write");
    const command = h.emulator.commentOnIssue(h.owner, h.repo, tracking.number, "/tasksync sync", "maintainer");
    await h.settle();
    expect(taskIssue(h, "T001", PATH).title).toBe("T001 Create project structure");
    expect(h.emulator.reactions(h.owner, h.repo, command.id)).toEqual(["rocket by tasksync[bot]"]);
  });
});

describe("out-of-order deliveries", () => {
  it("syncs the branch head, so a late push cannot take issues back to an older list", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.deliverOutOfOrder(true, 2);
    const ticked1 = LIST.replace("- [ ] T001", "- [x] T001");
    h.emulator.commit({ owner: h.owner, repo: h.repo, files: { [PATH]: ticked1 } });
    h.emulator.commit({ owner: h.owner, repo: h.repo, files: { [PATH]: ticked1.replace("- [ ] T003", "- [x] T003") } });
    await h.settle();
    expect(taskIssue(h, "T001", PATH).state).toBe("closed");
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
    expect(taskIssue(h, "T004", PATH).state).toBe("open");
  });
});

describe("installation_repositories.added", () => {
  it("syncs a repository added to an existing installation", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.createRepo({ owner: h.owner, name: "second-app", files: { [PATH]: LIST } });
    h.emulator.addRepositoriesToInstallation(h.installationId, ["second-app"]);
    await h.settle();
    expect(h.emulator.issues(h.owner, "second-app")).toHaveLength(9);
  });
});
