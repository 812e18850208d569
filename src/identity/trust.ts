/**
 * What tasksync trusts: a task's issue is one that tasksync's own bot opened and that carries
 * the tasksync label. A marker is text anyone can paste into an issue body, so an issue with a
 * marker but another author (a copy, a hand-typed marker, another app) is a claim, not an
 * identity: the sync and the write-back ignore it, and say so once at info level. An issue a
 * person opened is tasksync's only when the list's own record — the marker of its tracking
 * issue, which tasksync's bot opened — names it as adopted (`adopt: true`).
 */
import type { Logger } from "pino";
import type { Marker } from "./marker.js";

/** What trust looks at in an issue: its number, its author and its labels. */
export interface TrustClaim {
  number: number;
  /** Login of the issue's author; null when GitHub does not say. */
  author: string | null;
  labels: string[];
}

/** A claim with its parsed marker: what the adoption record is read from. */
export interface MarkedClaim extends TrustClaim {
  marker: Marker;
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

/** The issue numbers each list's record names as adopted, by list path (from trusted tracking issues only). */
export function adoptedRecords(trusted: readonly MarkedClaim[]): Map<string, ReadonlySet<number>> {
  const records = new Map<string, ReadonlySet<number>>();
  for (const issue of trusted)
    if (issue.marker.kind === "tracking" && issue.marker.adopted)
      records.set(issue.marker.path, new Set(issue.marker.adopted));
  return records;
}

/** An issue a person opened that tasksync adopted: its label, a task marker, and its list's record names it. */
export function isAdoptedIssue(
  issue: Pick<MarkedClaim, "number" | "marker" | "labels">,
  trust: IssueTrust,
  records: ReadonlyMap<string, ReadonlySet<number>>,
): boolean {
  const label = trust.label.toLowerCase();
  if (issue.marker.kind !== "task" || !issue.labels.some((l) => l.toLowerCase() === label)) return false;
  return records.get(issue.marker.path)?.has(issue.number) === true;
}

/** The issues tasksync may act on; the others are logged (once each) and left alone. */
export function trustedIssues<I extends MarkedClaim>(
  issues: I[],
  trust: IssueTrust,
  log: Logger,
  repoKey: string,
): I[] {
  const records = adoptedRecords(issues.filter((issue) => isTrustedIssue(issue, trust)));
  return issues.filter((issue) => {
    if (isTrustedIssue(issue, trust) || isAdoptedIssue(issue, trust, records)) return true;
    reportUntrusted(log, repoKey, issue);
    return false;
  });
}
