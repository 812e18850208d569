/**
 * Which `permissions:` line a workflow needs for a request GitHub refused with 403. The
 * workflow's token has only what the workflow's `permissions:` block grants.
 */
import type { RequestFacts } from "./write-kinds.js";

export type PermissionLine = `${"contents" | "issues" | "pull-requests" | "checks" | "metadata"}: ${"read" | "write"}`;

export function permissionFor({ method, url, params }: RequestFacts): PermissionLine {
  const write = !["GET", "HEAD"].includes(method.toUpperCase());
  const level = write ? "write" : "read";
  if (/\/graphql$/.test(url)) {
    const query = typeof params["query"] === "string" ? params["query"] : "";
    return /^\s*mutation\b/.test(query) ? "issues: write" : "issues: read";
  }
  if (/\/check-runs|\/check-suites/.test(url)) return `checks: ${level}`;
  if (/\/pulls(\/|$)/.test(url)) return `pull-requests: ${level}`;
  if (/\/(contents|git|commits|branches)(\/|$)/.test(url)) return `contents: ${level}`;
  if (/\/(issues|labels)(\/|$)/.test(url)) return `issues: ${level}`;
  return `metadata: ${level}`;
}

/** A 403 that is a refused permission, not a rate limit. */
export function isPermissionRefusal(
  status: number | undefined,
  message: string,
  headers: Record<string, unknown> | undefined,
): boolean {
  if (status !== 403) return false;
  if (/rate limit/i.test(message)) return false;
  return headers?.["x-ratelimit-remaining"] !== "0";
}
