/**
 * GitHub's size limits, end to end: a task whose text is 65 KB gets an issue that fits, and
 * removing it closes that issue (its removal record fits too) without wedging the list's sync.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { parseMarker } from "../../src/identity/marker.js";
import { findByMarker, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const HUGE = `- [ ] T006 ${"Describe every photo format we accept and why ".repeat(1_450)}\n`;

describe("GitHub's size limits", () => {
  it("a 65 KB task: its issue fits; removing it closes the issue as removed, and the next pushes sync", async () => {
    expect(HUGE.length).toBeGreaterThan(65_536);
    h = await startHarness({ files: { [PATH]: `${LIST}${HUGE}` } });
    const huge = taskIssue(h, "T006", PATH);
    expect(huge.body?.length).toBeLessThanOrEqual(65_535);
    expect(huge.title.length).toBeLessThanOrEqual(256);
    expect(parseMarker(huge.body)).toMatchObject({ kind: "task", id: "T006" });

    await h.push({ [PATH]: LIST.replace("- [ ] T003", "- [x] T003") });

    const removed = h.emulator.issue(h.owner, h.repo, huge.number);
    expect(removed.state).toBe("closed");
    expect(removed.state_reason).toBe("not_planned");
    expect(parseMarker(removed.body)).toMatchObject({ kind: "task", id: "T006", removed: true });
    expect(removed.body?.length).toBeLessThanOrEqual(65_535);
    expect(taskIssue(h, "T003", PATH).state).toBe("closed");
    expect(h.emulator.requests.entries.filter((e) => e.status === 422)).toEqual([]);
    expect(trackingIssue(h, PATH).body).toContain("**Progress:** 2/5 tasks done"); // the list's record was written after the removal

    await h.push({ [PATH]: LIST.replace("- [ ] T003", "- [x] T003").replace("- [ ] T004", "- [x] T004") });
    expect(taskIssue(h, "T004", PATH).state).toBe("closed");
    expect(findByMarker(h, (m) => m.kind === "task" && m.id === "T006" && m.removed !== true)).toBeUndefined();
  });
});
