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

export class Faults {
  latencyMs = 0;
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

  /** count a request; returns the status it must fail with, if any */
  nextRequest(): number | undefined {
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
    this.primary = { limit: options.limit, remaining: options.remaining ?? options.limit, resetAt: this.now() + windowMs, windowMs };
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
    this.failures.clear();
    this.secondary = undefined;
    this.primary = { limit: 5000, remaining: 5000, resetAt: this.now() + 3_600_000, windowMs: 3_600_000 };
  }
}
