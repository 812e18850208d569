/**
 * Issue references written before the issue exists. Where a host has no API for a relation
 * (blocked-by, sub-issues), bodies name the other issues instead ("Blocked by #12, #14", task
 * lists of children). A body is planned with `{{tasksync-issue:KEY}}` tokens; the planner
 * resolves those of existing issues, and apply those of issues it creates. Pure.
 */

const TOKEN = /\{\{tasksync-issue:([^}]+)\}\}/g;

export const issueToken = (key: string): string => `{{tasksync-issue:${key}}}`;

export function hasIssueTokens(body: string): boolean {
  return body.includes("{{tasksync-issue:");
}

/** Replaces the tokens whose issue number is known with `#N`; the others stay for later. */
export function resolveIssueTokens(body: string, numberOf: (key: string) => number | undefined): string {
  return body.replace(TOKEN, (whole, key: string) => {
    const n = numberOf(key);
    return n === undefined ? whole : `#${n}`;
  });
}

/** A body with its unresolved tokens shown as plain text (what a dry run prints). */
export function withoutTokens(body: string): string {
  return body.replace(TOKEN, (_whole, key: string) => `(${key.slice(key.lastIndexOf("#") + 1)})`);
}
