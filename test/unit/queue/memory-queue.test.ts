import { describe, expect, it } from "@jest/globals";
import { MemoryQueue } from "../../../src/queue/memory-queue.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A job that records when it starts and ends, with a short wait between. */
const recordingJob = (events: string[], name: string) => ({
  name,
  run: async () => {
    events.push(`start ${name}`);
    await tick();
    events.push(`end ${name}`);
  },
});

describe("MemoryQueue", () => {
  it("runs the jobs of one repository one at a time, in order", async () => {
    const queue = new MemoryQueue();
    const events: string[] = [];
    const job = (name: string) => recordingJob(events, name);
    await Promise.all([queue.push("o/r", job("a")), queue.push("o/r", job("b"))]);
    expect(events).toEqual(["start a", "end a", "start b", "end b"]);
  });

  it("runs different repositories side by side", async () => {
    const queue = new MemoryQueue();
    const events: string[] = [];
    const job = (name: string) => recordingJob(events, name);
    await Promise.all([queue.push("o/one", job("a")), queue.push("o/two", job("b"))]);
    expect(events.slice(0, 2).sort()).toEqual(["start a", "start b"]);
  });

  it("coalesces waiting jobs with the same key into the newest one", async () => {
    const queue = new MemoryQueue();
    const ran: string[] = [];
    let release!: () => void;
    const blocker = queue.push("o/r", { name: "busy", run: () => new Promise<void>((r) => (release = r)) });
    const first = queue.push("o/r", { name: "sync", coalesceKey: "sync", run: async () => void ran.push("sha1") });
    const second = queue.push("o/r", { name: "sync", coalesceKey: "sync", run: async () => void ran.push("sha2") });
    const third = queue.push("o/r", { name: "sync", coalesceKey: "sync", run: async () => void ran.push("sha3") });
    expect(queue.size()).toBe(2);
    release();
    await Promise.all([blocker, first, second, third]);
    expect(ran).toEqual(["sha3"]);
  });

  it("rejects the pusher with the job's error and keeps going", async () => {
    const queue = new MemoryQueue();
    const ran: string[] = [];
    const failing = queue.push("o/r", { name: "bad", run: async () => Promise.reject(new Error("boom")) });
    const next = queue.push("o/r", { name: "good", run: async () => void ran.push("good") });
    await expect(failing).rejects.toThrow("boom");
    await next;
    expect(ran).toEqual(["good"]);
  });

  it("onIdle resolves once every job has run", async () => {
    const queue = new MemoryQueue();
    let done = 0;
    void queue.push("o/r", {
      name: "a",
      run: async () => {
        await tick();
        done += 1;
      },
    });
    void queue.push("o/s", {
      name: "b",
      run: async () => {
        await tick();
        done += 1;
      },
    });
    await queue.onIdle();
    expect(done).toBe(2);
    expect(queue.size()).toBe(0);
  });
});
