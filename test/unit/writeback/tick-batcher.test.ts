import { describe, expect, it } from "@jest/globals";
import { TickBatcher } from "../../../src/writeback/tick-batcher.js";
import type { IssueChange } from "../../../src/writeback/tick-change.js";

const PATH = "specs/001-photo-albums/tasks.md";
const tick = (taskId: string, issueNumber: number, change: IssueChange = "completed") => ({ taskId, issueNumber, change });

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("TickBatcher", () => {
  it("opens one batch per repository and task list; later events join it", () => {
    const batcher = new TickBatcher(clock().now);
    const first = batcher.add("o/r", PATH, tick("T003", 12), "d1");
    const second = batcher.add("o/r", PATH, tick("T004", 13), "d2");
    const otherFile = batcher.add("o/r", "specs/002-x/tasks.md", tick("T001", 20), "d3");
    const otherRepo = batcher.add("o/other", PATH, tick("T003", 30), "d4");
    expect([first.opened, second.opened, otherFile.opened, otherRepo.opened]).toEqual([true, false, true, true]);
    expect(second.batch).toBe(first.batch);
    expect(first.batch.deliveries).toEqual(["d1", "d2"]);
    expect(batcher.size()).toBe(3);
    expect(batcher.take(first.batch)).toEqual([tick("T003", 12), tick("T004", 13)]);
  });

  it("keeps only the latest event of a task: close then reopen is an untick", () => {
    const batcher = new TickBatcher(clock().now);
    const { batch } = batcher.add("o/r", PATH, tick("T003", 12, "completed"), "d1");
    batcher.add("o/r", PATH, tick("T004", 13, "completed"), "d2");
    batcher.add("o/r", PATH, tick("T003", 12, "reopened"), "d3");
    expect(batcher.take(batch)).toEqual([tick("T004", 13, "completed"), tick("T003", 12, "reopened")]);
  });

  it("counts the window from the first event, not the latest", () => {
    const c = clock();
    const batcher = new TickBatcher(c.now);
    const { batch } = batcher.add("o/r", PATH, tick("T003", 12), "d1");
    expect(batcher.remainingMs(batch, 3000)).toBe(3000);
    c.advance(2000);
    batcher.add("o/r", PATH, tick("T004", 13), "d2");
    expect(batcher.remainingMs(batch, 3000)).toBe(1000);
    c.advance(5000);
    expect(batcher.remainingMs(batch, 3000)).toBe(0);
  });

  it("opens a new batch for events after the batch was taken", () => {
    const batcher = new TickBatcher(clock().now);
    const { batch } = batcher.add("o/r", PATH, tick("T003", 12), "d1");
    batcher.take(batch);
    expect(batcher.size()).toBe(0);
    const next = batcher.add("o/r", PATH, tick("T004", 13), "d2");
    expect(next.opened).toBe(true);
    expect(next.batch).not.toBe(batch);
    expect(batch.ticks.has("T004")).toBe(false);
    // taking the old batch again does not close the new one
    batcher.take(batch);
    expect(batcher.size()).toBe(1);
  });
});
