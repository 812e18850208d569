/**
 * What tasksync trusts: a task's issue is one that tasksync's own bot opened and that carries
 * the tasksync label. A marker is text anyone can paste into an issue body, so an issue with a
 * marker but another author (a copy, a hand-typed marker, another app) is a claim, not an
 * identity: the sync and the write-back ignore it, and say so once at info level.
 */
import type { Logger } from "pino";

/** What trust looks at in an issue: its number, its author and its labels. */
export interface TrustClaim {
  number: number;
  /** Login of the issue's author; null when GitHub does not say. */
  author: string | null;
  labels: string[];
}

/** Whose issues tasksync trusts: the login its issues are opened as (`<app-slug>[bot]` for the app). */
export interface IssueTrust {
  /** The author tasksync's own issues carry; undefined: no author check (a CLI run as a person, until it knows its login). */
  author?: string;
  /** The label every issue tasksync manages carries. */
  label: string;
}

/** Issues already reported as untrusted, so each one is logged once per process (bounded). */
const reported = new Set<string>();
const MAX_REPORTED = 10_000;

/** The trust of a repository's config: its tasksync label, and the bot login when it is known. */
export function issueTrust(label: string, author: string | undefined): IssueTrust {
  return { label, ...(author === undefined ? {} : { author }) };
}

export function isTrustedIssue(issue: Pick<TrustClaim, "author" | "labels">, trust: IssueTrust): boolean {
  const label = trust.label.toLowerCase();
  if (!issue.labels.some((l) => l.toLowerCase() === label)) return false;
  if (trust.author === undefined) return true;
  return issue.author !== null && issue.author.toLowerCase() === trust.author.toLowerCase();
}

/** Logs, once per issue and process, that an issue with a marker is not tasksync's and is ignored. */
export function reportUntrusted(log: Logger, repoKey: string, issue: { number: number; author: string | null }): void {
  const id = `${repoKey}#${issue.number}`;
  if (reported.has(id)) return;
  if (reported.size >= MAX_REPORTED) reported.clear();
  reported.add(id);
  log.info(
    { issue: issue.number, author: issue.author },
    "ignored an issue with a tasksync marker that tasksync did not open",
  );
}

/** The issues tasksync may act on; the others are logged (once each) and left alone. */
export function trustedIssues<I extends TrustClaim>(issues: I[], trust: IssueTrust, log: Logger, repoKey: string): I[] {
  return issues.filter((issue) => {
    if (isTrustedIssue(issue, trust)) return true;
    reportUntrusted(log, repoKey, issue);
    return false;
  });
}
