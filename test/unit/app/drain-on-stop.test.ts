import { describe, expect, it } from "@jest/globals";
import pino from "pino";
import { drainOnStop, type StoppableProcess } from "../../../src/app/drain-on-stop.js";
import { MemoryQueue } from "../../../src/queue/memory-queue.js";

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

describe("drainOnStop", () => {
  it("exits once the queued work has finished", async () => {
    const queue = new MemoryQueue();
    const proc = fakeProcess();
    drainOnStop(queue, log, 5_000, proc);
    let finished = false;
    void queue.push("o/r", { name: "sync", run: async () => { await sleep(50); finished = true; } });
    proc.listener?.();
    expect(proc.exits).toEqual([]);
    await queue.onIdle();
    await sleep(5);
    expect(finished).toBe(true);
    expect(proc.exits.map((e) => e.code)).toEqual([0]);
  });

  it("exits after the time limit when the work does not finish", async () => {
    const queue = new MemoryQueue();
    const proc = fakeProcess();
    drainOnStop(queue, log, 30, proc);
    void queue.push("o/r", { name: "stuck", run: async () => { await sleep(400); } });
    const start = Date.now();
    proc.listener?.();
    await sleep(100);
    expect(proc.exits).toHaveLength(1);
    expect(proc.exits[0]!.at - start).toBeLessThan(300);
    await queue.onIdle();
  });
});
