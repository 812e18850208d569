/**
 * The content-creation budget: GitHub allows about 80 content-creating requests a minute and
 * 500 an hour per installation (a GHES admin sets their own). The apply step spends one unit
 * BEFORE each write, waiting when a window is full, so a large sync paces itself below the
 * limits instead of hitting them. `ContentBudget` is the seam a shared (Redis) budget fills
 * when several replicas write for the same installation.
 */
import { sleep as realSleep } from "../util/sleep.js";

export interface BudgetWindow {
  /** Writes allowed in any window of `ms`. */
  limit: number;
  ms: number;
}

export interface ContentBudget {
  /** Waits until one content-creating request may be sent for `key` (an installation or account), spends it, and returns the ms waited. */
  spend(key: string): Promise<number>;
}

export const DEFAULT_BUDGET_WINDOWS: readonly BudgetWindow[] = [
  { limit: 80, ms: 60_000 },
  { limit: 500, ms: 3_600_000 },
];

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number of writes, got "${raw}"`);
  return n;
}

/** The windows from TASKSYNC_CONTENT_PER_MINUTE and TASKSYNC_CONTENT_PER_HOUR (defaults 80 and 500). */
export function budgetWindowsFromEnv(env: NodeJS.ProcessEnv = process.env): BudgetWindow[] {
  return [
    { limit: positiveInt(env, "TASKSYNC_CONTENT_PER_MINUTE") ?? 80, ms: 60_000 },
    { limit: positiveInt(env, "TASKSYNC_CONTENT_PER_HOUR") ?? 500, ms: 3_600_000 },
  ];
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: realSleep };

/** A sliding-window budget held in this process. */
export class MemoryContentBudget implements ContentBudget {
  private readonly spent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly windows: readonly BudgetWindow[] = DEFAULT_BUDGET_WINDOWS,
    private readonly clock: Clock = realClock,
  ) {
    this.longest = Math.max(0, ...windows.map((w) => w.ms));
  }

  /** How long `key` must wait before its next write, in ms (0: now). */
  waitFor(key: string, now = this.clock.now()): number {
    const times = this.spent.get(key) ?? [];
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = times.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.limit) {
        const freeing = inWindow[inWindow.length - w.limit] as number; // the spend that must age out
        wait = Math.max(wait, freeing + w.ms - now);
      }
    }
    return wait;
  }

  async spend(key: string): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      const times = (this.spent.get(key) ?? []).filter((t) => t > now - this.longest);
      this.spent.set(key, times);
      const wait = this.waitFor(key, now);
      if (wait <= 0) {
        times.push(now);
        return waited;
      }
      await this.clock.sleep(wait);
      waited += wait;
    }
  }
}

/** A budget that never waits (tests and tools that pace themselves). */
export const UNLIMITED_BUDGET: ContentBudget = { spend: () => Promise.resolve(0) };
