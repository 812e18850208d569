/** Fault and limit switches: failures on the k-th request, latency, primary and secondary rate limits. */

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

export class Faults {
  latencyMs = 0;
  private appliedThenFailed: AppliedThenFailed[] = [];
  private outageUntil = 0;
  private outageStatus = 502;
  private requestIndex = 0;
  private failures = new Map<number, number>();
  private secondary: Required<SecondaryLimitOptions> | undefined;
  private windowStart = 0;
  private windowCount = 0;
  private primary = { limit: 5000, remaining: 5000, resetAt: 0, windowMs: 3_600_000 };

  constructor(private readonly now: () => number = () => Date.now()) {
    this.primary.resetAt = this.now() + this.primary.windowMs;
  }

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

  primaryRateLimit(options: PrimaryLimitOptions): void {
    const windowMs = (options.resetSeconds ?? 3600) * 1000;
    this.primary = {
      limit: options.limit,
      remaining: options.remaining ?? options.limit,
      resetAt: this.now() + windowMs,
      windowMs,
    };
  }

  /** spend one request of the primary budget; false when it is exhausted */
  spendPrimary(): boolean {
    const now = this.now();
    if (now >= this.primary.resetAt) {
      this.primary.remaining = this.primary.limit;
      this.primary.resetAt = now + this.primary.windowMs;
    }
    if (this.primary.remaining <= 0) return false;
    this.primary.remaining--;
    return true;
  }

  rateLimitHeaders(resource: "core" | "graphql"): RateLimitHeaders {
    return {
      "x-ratelimit-limit": String(this.primary.limit),
      "x-ratelimit-remaining": String(this.primary.remaining),
      "x-ratelimit-reset": String(Math.ceil(this.primary.resetAt / 1000)),
      "x-ratelimit-used": String(this.primary.limit - this.primary.remaining),
      "x-ratelimit-resource": resource,
    };
  }

  clear(): void {
    this.latencyMs = 0;
    this.appliedThenFailed = [];
    this.outageUntil = 0;
    this.failures.clear();
    this.secondary = undefined;
    this.primary = { limit: 5000, remaining: 5000, resetAt: this.now() + 3_600_000, windowMs: 3_600_000 };
  }
}
