/**
 * Fault and limit switches: failures on the k-th request, latency (a fixed extra delay, and the
 * {@link LatencyModel} per request class), the primary rate limit (one budget per token owner, as
 * GitHub keeps it, with a points counter benchmarks read) and the secondary rate limit.
 */
import { NO_LATENCY, type LatencyModel } from "./latency.js";

export interface SecondaryLimitOptions {
  /** content-creating requests (POST/PATCH/PUT/DELETE) allowed per window */
  max: number;
  windowMs?: number;
  /** value of the retry-after header, in seconds */
  retryAfterSeconds?: number;
  status?: 403 | 429;
}

export interface PrimaryLimitOptions {
  limit: number;
  remaining?: number;
  /** seconds until the budget resets */
  resetSeconds?: number;
}

export interface RateLimitHeaders {
  [key: string]: string;
}

export const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID emulated.";

/** A write GitHub applies and then answers with an error, as a proxy timing out after the fact would. */
export interface AppliedThenFailed {
  method: string;
  /** Matched against the request path (without /api/v3). */
  path: RegExp;
  status: number;
  /** How many matching requests it catches (default 1). */
  times: number;
}

interface PrimaryBudget {
  remaining: number;
  resetAt: number;
}

export class Faults {
  /** a fixed extra delay on every request, in ms (tests that need a slow GitHub) */
  latencyMs = 0;
  /** delay and jitter per request class (reads, writes, GraphQL); all zero by default */
  latency: LatencyModel = NO_LATENCY;
  private appliedThenFailed: AppliedThenFailed[] = [];
  private outageUntil = 0;
  private outageStatus = 502;
  private requestIndex = 0;
  private failures = new Map<number, number>();
  private secondary: Required<SecondaryLimitOptions> | undefined;
  private windowStart = 0;
  private windowCount = 0;
  private primary = { limit: 5000, windowMs: 3_600_000, startRemaining: 5000 };
  /** the primary budget of each token owner ("installation:7", "user:octocat", ...) */
  private budgets = new Map<string, PrimaryBudget>();
  /** points each token owner spent since the emulator started (never reset: benchmarks read it) */
  private spent = new Map<string, number>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** the k-th request from now (1 = the next one) answers `status` */
  failNth(k: number, status = 502): void {
    this.failures.set(this.requestIndex + k, status);
  }

  /** The next `times` requests matching `method` and `path` are applied, then answered `status` (default 502). */
  applyThenFail(rule: { method: string; path: RegExp; status?: number; times?: number }): void {
    this.appliedThenFailed.push({
      method: rule.method.toUpperCase(),
      path: rule.path,
      status: rule.status ?? 502,
      times: rule.times ?? 1,
    });
  }

  /** For a request that was applied: the status to answer instead, if a rule catches it. */
  failAfterApply(method: string, path: string): number | undefined {
    const rule = this.appliedThenFailed.find((r) => r.method === method && r.path.test(path));
    if (!rule) return undefined;
    rule.times -= 1;
    if (rule.times <= 0) this.appliedThenFailed = this.appliedThenFailed.filter((r) => r !== rule);
    return rule.status;
  }

  /** Every request for the next `ms` answers `status` (default 502), applying nothing: GitHub is down. */
  outage(ms: number, status = 502): void {
    this.outageUntil = this.now() + ms;
    this.outageStatus = status;
  }

  /** count a request; returns the status it must fail with, if any */
  nextRequest(): number | undefined {
    if (this.now() < this.outageUntil) return this.outageStatus;
    this.requestIndex++;
    const status = this.failures.get(this.requestIndex);
    this.failures.delete(this.requestIndex);
    return status;
  }

  secondaryRateLimit(options: SecondaryLimitOptions | undefined): void {
    this.secondary = options && { windowMs: 60_000, retryAfterSeconds: 60, status: 403, ...options };
    this.windowStart = this.now();
    this.windowCount = 0;
  }

  /** for a content-creating request: undefined when allowed, else the refusal */
  checkSecondary(): { status: number; retryAfter: number } | undefined {
    const s = this.secondary;
    if (!s) return undefined;
    const now = this.now();
    if (now - this.windowStart >= s.windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (this.windowCount >= s.max) return { status: s.status, retryAfter: s.retryAfterSeconds };
    this.windowCount++;
    return undefined;
  }

  /** every token owner's budget starts over with these numbers */
  primaryRateLimit(options: PrimaryLimitOptions): void {
    this.primary = {
      limit: options.limit,
      startRemaining: options.remaining ?? options.limit,
      windowMs: (options.resetSeconds ?? 3600) * 1000,
    };
    this.budgets.clear();
  }

  private budget(owner: string): PrimaryBudget {
    const now = this.now();
    let budget = this.budgets.get(owner);
    if (!budget || now >= budget.resetAt) {
      budget = {
        remaining: budget ? this.primary.limit : this.primary.startRemaining,
        resetAt: now + this.primary.windowMs,
      };
      this.budgets.set(owner, budget);
    }
    return budget;
  }

  /** whether the owner has a point left (a conditional GET checks before it knows whether it costs one) */
  hasPrimary(owner: string): boolean {
    return this.budget(owner).remaining > 0;
  }

  /** spend one point of the owner's primary budget; false when it is exhausted */
  spendPrimary(owner = "anonymous"): boolean {
    const budget = this.budget(owner);
    if (budget.remaining <= 0) return false;
    budget.remaining--;
    this.spent.set(owner, (this.spent.get(owner) ?? 0) + 1);
    return true;
  }

  /** points the owner spent since the emulator started (a 304 costs none) */
  pointsSpent(owner: string): number {
    return this.spent.get(owner) ?? 0;
  }

  rateLimitHeaders(resource: "core" | "graphql", owner = "anonymous"): RateLimitHeaders {
    const budget = this.budget(owner);
    return {
      "x-ratelimit-limit": String(this.primary.limit),
      "x-ratelimit-remaining": String(budget.remaining),
      "x-ratelimit-reset": String(Math.ceil(budget.resetAt / 1000)),
      "x-ratelimit-used": String(this.primary.limit - budget.remaining),
      "x-ratelimit-resource": resource,
    };
  }

  /** `GET /rate_limit` as GitHub answers it (free: it costs no point) */
  rateLimitBody(owner: string): unknown {
    const budget = this.budget(owner);
    const core = {
      limit: this.primary.limit,
      remaining: budget.remaining,
      reset: Math.ceil(budget.resetAt / 1000),
      used: this.primary.limit - budget.remaining,
    };
    return { resources: { core, graphql: core }, rate: core };
  }

  clear(): void {
    this.latencyMs = 0;
    this.latency = NO_LATENCY;
    this.appliedThenFailed = [];
    this.outageUntil = 0;
    this.failures.clear();
    this.secondary = undefined;
    this.primary = { limit: 5000, windowMs: 3_600_000, startRemaining: 5000 };
    this.budgets.clear();
  }
}
