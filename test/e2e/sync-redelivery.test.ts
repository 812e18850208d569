/** Redelivered webhooks (GitHub's "Redeliver", or a retry after a timeout) change nothing. */
import { afterEach, describe, expect, it } from "@jest/globals";
import { startHarness, type Harness } from "./harness.js";

const PATH = "specs/001-photo-albums/tasks.md";
const LIST =
  "# Tasks: Photo albums\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [ ] T002 Add linting (depends on T001)\n";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Sends the last webhook of an event again, as GitHub's redelivery does, and settles. */
async function redeliverLast(harness: Harness, event: string): Promise<void> {
  const last = harness.emulator
    .sentWebhooks()
    .filter((e) => e.name === event)
    .at(-1);
  if (!last) throw new Error(`no ${event} webhook was sent`);
  harness.emulator.webhooks.send(last.name, structuredClone(last.payload));
  await harness.settle();
}

describe("redelivery", () => {
  it("a push redelivered after it was synced makes no writes", async () => {
    h = await startHarness();
    await h.push({ [PATH]: LIST.replace("- [ ] T001", "- [x] T001") });
    expect(h.emulator.issues(h.owner, h.repo)).toHaveLength(4);
    h.emulator.requests.reset();
    await redeliverLast(h, "push");
    expect(h.emulator.requests.writes()).toBe(0);
    expect(h.emulator.requests.reads()).toBeGreaterThan(0);
  });

  it("a push with a bad config, redelivered, reports the config check once", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const sha = await h.push({ ".github/tasksync.yml": "gates:\n  mode: lax\n" });
    await redeliverLast(h, "push");
    const runs = h.emulator.checkRuns(h.owner, h.repo, sha).filter((r) => r.name === "tasksync / config");
    expect(runs).toHaveLength(1);
    expect(runs[0]?.conclusion).toBe("failure");
  });
});

describe("gates while a sync is under way", () => {
  it("a pull request gets its check before the repository's long sync has finished", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.setLatency(30); // a slow GitHub, so that the sync below takes a while
    const more = Array.from(
      { length: 30 },
      (_, i) => `- [ ] T${String(i + 3).padStart(3, "0")} More work ${i + 3}`,
    ).join("\n");
    h.emulator.commit({ owner: h.owner, repo: h.repo, files: { [PATH]: `${LIST}${more}\n` } });
    h.emulator.openPullRequest({
      owner: h.owner,
      repo: h.repo,
      head: "t002",
      title: "T002 linting",
      files: { "lint.json": "{}\n" },
    });
    const head = h.emulator.branchSha(h.owner, h.repo, "t002") ?? "";
    const gates = () => h!.emulator.checkRuns(h!.owner, h!.repo, head).filter((r) => r.name === "tasksync / gates");
    const deadline = Date.now() + 20_000;
    while (gates().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const issuesWhenChecked = h.emulator.issues(h.owner, h.repo).filter((i) => !i.is_pull_request).length;
    await h.settle();
    const issuesAtEnd = h.emulator.issues(h.owner, h.repo).filter((i) => !i.is_pull_request).length;
    expect(issuesAtEnd).toBe(4 + 30);
    expect(issuesWhenChecked).toBeLessThan(issuesAtEnd);
    expect(gates()[0]?.conclusion).toBe("failure");
  });
});
