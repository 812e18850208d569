import { describe, expect, it } from "@jest/globals";
import { budgetWindowsFromEnv, MemoryContentBudget } from "../../../src/github/pacing-budget.js";

function virtualClock() {
  const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
  return clock;
}

describe("content-creation budget", () => {
  it("lets 80 writes through in the first minute and makes the 81st wait for the window", async () => {
    const clock = virtualClock();
    const budget = new MemoryContentBudget(undefined, clock);
    for (let i = 0; i < 80; i += 1) expect(await budget.spend("octo")).toBe(0);
    expect(clock.t).toBe(0);
    expect(await budget.spend("octo")).toBe(60_000);
    expect(clock.t).toBe(60_000);
  });

  it("holds the hourly limit too: 1,000 writes take a little over an hour", async () => {
    const clock = virtualClock();
    const budget = new MemoryContentBudget(undefined, clock);
    for (let i = 0; i < 1000; i += 1) await budget.spend("octo");
    // 500 in the first hour, the 501st at 60 min; the rest in the second hour at 80 a minute
    expect(clock.t).toBeGreaterThanOrEqual(3_600_000);
    expect(clock.t).toBeLessThan(2 * 3_600_000);
  });

  it("keeps one budget per installation", async () => {
    const clock = virtualClock();
    const budget = new MemoryContentBudget([{ limit: 2, ms: 1000 }], clock);
    await budget.spend("a");
    await budget.spend("a");
    expect(await budget.spend("b")).toBe(0);
    expect(await budget.spend("a")).toBe(1000);
  });

  it("reads its limits from the environment, and says which variable is wrong", () => {
    expect(budgetWindowsFromEnv({ TASKSYNC_CONTENT_PER_MINUTE: "20", TASKSYNC_CONTENT_PER_HOUR: "150" })).toEqual([
      { limit: 20, ms: 60_000 },
      { limit: 150, ms: 3_600_000 },
    ]);
    expect(budgetWindowsFromEnv({})).toEqual([
      { limit: 80, ms: 60_000 },
      { limit: 500, ms: 3_600_000 },
    ]);
    expect(() => budgetWindowsFromEnv({ TASKSYNC_CONTENT_PER_MINUTE: "lots" })).toThrow(/TASKSYNC_CONTENT_PER_MINUTE/);
  });
});
