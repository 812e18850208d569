import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import pino from "pino";
import { drainOnStop, type StoppableProcess } from "../../../src/app/drain-on-stop.js";
import { MemoryQueue } from "../../../src/queue/memory-queue.js";

/** A process that records its exits (code and fake-clock time) instead of exiting. */
function fakeProcess() {
  const proc = {
    listener: undefined as (() => void) | undefined,
    exits: [] as Array<{ code: number; at: number }>,
    once(_event: "SIGTERM", listener: () => void) {
      proc.listener = listener;
    },
    exit(code: number) {
      proc.exits.push({ code, at: Date.now() });
    },
  };
  return proc satisfies StoppableProcess;
}

const log = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The clock is jest's: the drain limit and the jobs' work take exactly the time the test advances.
beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  jest.useRealTimers();
});

describe("drainOnStop", () => {
  it("exits once, as soon as the queued work has finished, and the time limit no longer fires", async () => {
    const queue = new MemoryQueue();
    const proc = fakeProcess();
    drainOnStop(queue, log, 5_000, proc);
    let finished = false;
    void queue.push("o/r", {
      name: "sync",
      run: async () => {
        await sleep(50);
        finished = true;
      },
    });
    proc.listener?.();
    await jest.advanceTimersByTimeAsync(49);
    expect(proc.exits).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    expect(finished).toBe(true);
    expect(proc.exits).toEqual([{ code: 0, at: 1_000_050 }]);

    // past the limit: the timer was cleared, so there is no second exit
    await jest.advanceTimersByTimeAsync(10_000);
    expect(proc.exits).toEqual([{ code: 0, at: 1_000_050 }]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("exits at the time limit when the work does not finish by then", async () => {
    const queue = new MemoryQueue();
    const proc = fakeProcess();
    drainOnStop(queue, log, 30, proc);
    void queue.push("o/r", {
      name: "stuck",
      run: async () => {
        await sleep(400);
      },
    });
    proc.listener?.();
    await jest.advanceTimersByTimeAsync(29);
    expect(proc.exits).toEqual([]);
    expect(queue.size()).toBe(1);

    await jest.advanceTimersByTimeAsync(1);
    expect(proc.exits).toEqual([{ code: 0, at: 1_000_030 }]);
    expect(queue.size()).toBe(1); // the work was still running: the limit, not the queue, ended it

    // (a real exit ends the process here; the stuck job is only let finish so nothing leaks)
    await jest.advanceTimersByTimeAsync(370);
    await queue.onIdle();
  });

  it("does nothing before SIGTERM", async () => {
    const queue = new MemoryQueue();
    const proc = fakeProcess();
    drainOnStop(queue, log, 30, proc);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(proc.listener).toBeDefined();
    expect(proc.exits).toEqual([]);
  });
});
