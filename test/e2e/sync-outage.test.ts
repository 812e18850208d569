/**
 * GitHub failing after a person closes an issue: a 20 s outage of 502s, and a storm of secondary
 * rate limits. The close is not an event to keep but a difference to find: the reconcile that
 * failed looks again, and the tick lands once GitHub answers.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { phaseIssue, taskIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const fileOnMain = (harness: Harness): string =>
  harness.emulator.fileAt(harness.owner, harness.repo, "main", PATH) ?? "";

async function waitFor(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("GitHub down or throttling after a close", () => {
  it("a 20 s outage of 502s right after a close: the tick lands afterwards, once", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    const commits = h.emulator.commits(h.owner, h.repo).length;
    h.emulator.closeIssue(h.owner, h.repo, taskIssue(h, "T003", PATH).number, "completed", "mona");
    h.emulator.outage(20_000);
    const outageEnds = Date.now() + 20_000;
    await h.emulator.webhooksDelivered();

    await waitFor("the tick after the outage", () => fileOnMain(h!).includes("- [x] T003"), 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(outageEnds - 1_000);
    expect(h.emulator.requests.entries.filter((e) => e.status === 502).length).toBeGreaterThan(0);
    await h.settle();
    expect(fileOnMain(h)).toBe(LIST.replace("- [ ] T003", "- [x] T003"));
    expect(h.emulator.commits(h.owner, h.repo)).toHaveLength(commits + 1);
    expect(phaseIssue(h, "2", PATH).state).toBe("closed");
  }, 90_000);

  it("a secondary-rate-limit storm after a close: tasksync waits it out and the tick lands", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    h.emulator.secondaryRateLimit({ max: 0, retryAfterSeconds: 1 });
    const storm = setTimeout(() => h?.emulator.secondaryRateLimit(undefined), 4_000);
    try {
      h.emulator.closeIssue(h.owner, h.repo, taskIssue(h, "T001", PATH).number, "completed", "mona");
      await waitFor("the tick after the storm", () => fileOnMain(h!).includes("- [x] T001"), 60_000);
    } finally {
      clearTimeout(storm);
    }
    expect(h.emulator.requests.entries.filter((e) => e.status === 403).length).toBeGreaterThan(0);
    await h.settle();
    expect(fileOnMain(h)).toBe(LIST.replace("- [ ] T001", "- [x] T001"));
    expect(phaseIssue(h, "1", PATH).state).toBe("closed");
  }, 90_000);
});
