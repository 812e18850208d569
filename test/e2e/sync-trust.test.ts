/**
 * What tasksync trusts, and writes that may or may not have happened, end to end against the
 * emulator: a read-only user's copied marker, a create GitHub applied but answered 502, two issues
 * for one task, events delivered out of order or again. Each asserts the final file and issues.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { parseMarker } from "../../src/identity/marker.js";
import { issuesOf, taskIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const fileOnMain = (harness: Harness): string =>
  harness.emulator.fileAt(harness.owner, harness.repo, "main", PATH) ?? "";
const commitCount = (harness: Harness): number => harness.emulator.commits(harness.owner, harness.repo).length;

/** Issues carrying tasksync's label, by marker key: more than one issue for a key is a duplicate. */
function trackedKeys(harness: Harness): Map<string, number[]> {
  const keys = new Map<string, number[]>();
  for (const issue of issuesOf(harness)) {
    const marker = parseMarker(issue.body);
    if (!marker || !issue.labels.includes("tasksync")) continue;
    const key =
      marker.kind === "task"
        ? `${marker.path}#${marker.id}`
        : marker.kind === "phase"
          ? `${marker.path}#phase:${marker.phase}`
          : `${marker.path}#feature`;
    keys.set(key, [...(keys.get(key) ?? []), issue.number]);
  }
  return keys;
}

const duplicates = (harness: Harness): string[] =>
  [...trackedKeys(harness)].filter(([, numbers]) => numbers.length > 1).map(([key]) => key);

describe("a marker is a claim, not an identity", () => {
  it("a read-only user copies T003's issue body into their own issue, closes and reopens it: 0 commits, 0 state changes on real issues", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.setCollaborator(h.owner, h.repo, "mallory", "read");
    const real = taskIssue(h, "T003", PATH);
    const commits = commitCount(h);
    const states = issuesOf(h).map((i) => `${i.number}:${i.state}`);

    const copy = h.emulator.createIssue(h.owner, h.repo, {
      title: real.title,
      body: real.body ?? "",
      author: "mallory",
    });
    h.emulator.closeIssue(h.owner, h.repo, copy.number, "completed", "mallory");
    await h.settle();
    h.emulator.reopenIssue(h.owner, h.repo, copy.number, "mallory");
    await h.settle();

    expect(commitCount(h)).toBe(commits);
    expect(fileOnMain(h)).toBe(LIST);
    expect(
      issuesOf(h)
        .filter((i) => i.number !== copy.number)
        .map((i) => `${i.number}:${i.state}`),
    ).toEqual(states);
  });

  it("a maintainer's close is not undone by a spoof's reopen; a copy that got the label is still not trusted", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const real = taskIssue(h, "T003", PATH);
    // someone with triage rights copies the body and adds the label too
    const copy = h.emulator.createIssue(h.owner, h.repo, {
      title: real.title,
      body: real.body ?? "",
      labels: ["tasksync"],
      author: "mallory",
    });
    h.emulator.closeIssue(h.owner, h.repo, real.number, "completed", "maintainer");
    await h.settle();
    expect(fileOnMain(h)).toBe(LIST.replace("- [ ] T003", "- [x] T003"));
    const commits = commitCount(h);

    h.emulator.closeIssue(h.owner, h.repo, copy.number, "completed", "mallory");
    h.emulator.reopenIssue(h.owner, h.repo, copy.number, "mallory");
    await h.settle();
    h.emulator.commit({ owner: h.owner, repo: h.repo, files: { "README.md": "a push triggers a full reconcile\n" } });
    await h.settle();

    expect(fileOnMain(h)).toBe(LIST.replace("- [ ] T003", "- [x] T003"));
    expect(commitCount(h)).toBe(commits + 1); // only the README push
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
    expect(h.emulator.issue(h.owner, h.repo, copy.number).state).toBe("open"); // tasksync never touched it
  });
});

describe("writes that may have happened", () => {
  it("a create GitHub applied but answered 502 (with Probot's retry on): one issue per task, all linked", async () => {
    h = await startHarness({ retries: true });
    h.emulator.applyThenFail({ method: "POST", path: /\/issues$/, times: 2 });
    await h.push({ [PATH]: LIST });

    expect(duplicates(h)).toEqual([]);
    expect(issuesOf(h)).toHaveLength(9); // tracking + 3 phases + 5 tasks
    expect(
      issuesOf(h)
        .filter((i) => parseMarker(i.body)?.kind === "task")
        .every((i) => i.parent !== null),
    ).toBe(true);
  });

  it("a GraphQL createIssue GitHub applied but answered 502 (with Probot's retry on): looked for, never resent blindly; one issue per task, under its parent, by the bot", async () => {
    h = await startHarness({ retries: true });
    h.emulator.applyThenFail({ method: "POST", path: /^\/graphql$/, times: 2 });
    await h.push({ [PATH]: LIST });

    const mutations = h.emulator.requests.entries.filter(
      (e) => e.route.includes("graphql") && JSON.stringify(e.requestBody ?? "").includes("createIssue"),
    );
    expect(mutations.slice(0, 2).map((e) => e.status)).toEqual([502, 502]);
    // each lost answer was followed by a look at the issues opened since the reconcile began
    expect(
      h.emulator.requests.entries.filter((e) => e.method === "GET" && /\/issues\?.*since=/.test(e.path)),
    ).toHaveLength(2);
    // the two creates that took effect were not sent again: 9 issues, 9 successful creates in all
    expect(duplicates(h)).toEqual([]);
    expect(issuesOf(h)).toHaveLength(9); // tracking + 3 phases + 5 tasks
    expect(
      mutations.filter((e) => e.status === 200).length +
        h.emulator.requests.entries.filter((e) => e.method === "POST" && /\/issues$/.test(e.path)).length,
    ).toBe(7);
    expect(
      issuesOf(h)
        .filter((i) => parseMarker(i.body)?.kind !== "tracking")
        .every((i) => i.parent !== null),
    ).toBe(true);
    // created through GraphQL by the installation: the bot's issues, so trusted by the next reconcile
    expect(new Set(issuesOf(h).map((i) => i.user))).toEqual(new Set(["tasksync[bot]"]));
    await h.push({ [PATH]: LIST.replace("- [ ] T003", "- [x] T003") });
    expect(duplicates(h)).toEqual([]);
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
  });

  it("a tick commit GitHub applied but answered 502: one commit, the box ticked once, the issues follow", async () => {
    h = await startHarness({ files: { [PATH]: LIST }, retries: true });
    const commits = commitCount(h);
    h.emulator.applyThenFail({ method: "PUT", path: /\/contents\// });
    h.emulator.closeIssue(h.owner, h.repo, taskIssue(h, "T003", PATH).number, "completed", "mona");
    await h.settle();

    expect(h.emulator.requests.entries.filter((e) => e.method === "PUT").map((e) => e.status)).toEqual([502]);
    expect(commitCount(h)).toBe(commits + 1);
    expect(fileOnMain(h)).toBe(LIST.replace("- [ ] T003", "- [x] T003"));
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
  });

  it("a removal note GitHub applied but answered 502: one comment", async () => {
    h = await startHarness({ files: { [PATH]: LIST }, retries: true });
    const t5 = taskIssue(h, "T005", PATH).number;
    h.emulator.applyThenFail({ method: "POST", path: /\/comments$/ });
    await h.push({ [PATH]: LIST.replace("- [ ] T005 [US1] Upload UI (depends on T004)\n", "") });

    expect(h.emulator.issue(h.owner, h.repo, t5).state).toBe("closed");
    expect(h.emulator.comments(h.owner, h.repo, t5)).toHaveLength(1);
  });

  it("two issues for one task (made by any cause): the linked one stays, the other is closed with a link to it, and later syncs go on", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const kept = taskIssue(h, "T004", PATH);
    // a second, unlinked copy tasksync's own bot opened (an earlier ambiguous create, a race ...)
    const copy = h.emulator.createIssue(h.owner, h.repo, {
      title: kept.title,
      body: kept.body ?? "",
      labels: kept.labels,
      author: "tasksync[bot]",
    });
    await h.push({ [PATH]: LIST.replace("- [ ] T005", "- [x] T005") });

    expect(duplicates(h)).toEqual([]);
    const closedCopy = h.emulator.issue(h.owner, h.repo, copy.number);
    expect(closedCopy.state).toBe("closed");
    expect(closedCopy.labels).not.toContain("tasksync");
    expect(h.emulator.comments(h.owner, h.repo, copy.number).map((c) => c.body)).toEqual([
      expect.stringContaining(`Duplicate of #${kept.number}`),
    ]);
    expect(taskIssue(h, "T004", PATH).number).toBe(kept.number);
    expect(taskIssue(h, "T005", PATH).state).toBe("closed"); // the push's own change went through

    await h.push({ [PATH]: LIST.replace("- [ ] T003", "- [x] T003") });
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
    expect(h.emulator.comments(h.owner, h.repo, copy.number)).toHaveLength(1);
  });
});

describe("events out of order or again", () => {
  it("closed then reopened by a person, delivered reopened first: the issue stays open and the file unticked", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const t3 = taskIssue(h, "T003", PATH).number;
    h.emulator.deliverOutOfOrder(true, 2);
    h.emulator.closeIssue(h.owner, h.repo, t3, "completed", "mona");
    h.emulator.reopenIssue(h.owner, h.repo, t3, "mona");
    await h.settle();
    h.emulator.deliverOutOfOrder(false);
    await h.settle();

    expect(
      h.emulator
        .deliveries()
        .filter((d) => d.event === "issues")
        .map((d) => d.action),
    ).toEqual(expect.arrayContaining(["reopened", "closed"]));
    expect(taskIssue(h, "T003", PATH).state).toBe("open");
    expect(fileOnMain(h)).toBe(LIST);
  });

  it("an old closed event redelivered after a person reopened: the reopen is not undone", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const t3 = taskIssue(h, "T003", PATH).number;
    h.emulator.closeIssue(h.owner, h.repo, t3, "completed", "mona");
    await h.settle();
    expect(fileOnMain(h)).toContain("- [x] T003");
    const closed = h.emulator
      .sentWebhooks()
      .filter((e) => e.name === "issues" && e.payload["action"] === "closed")
      .at(-1);
    h.emulator.reopenIssue(h.owner, h.repo, t3, "mona");
    await h.settle();
    expect(fileOnMain(h)).toBe(LIST);

    h.emulator.webhooks.send("issues", closed?.payload ?? {});
    await h.settle();

    expect(taskIssue(h, "T003", PATH).state).toBe("open");
    expect(fileOnMain(h)).toBe(LIST);
  });
});
