/**
 * Finding tasksync's issues in the emulator by the marker in their bodies (never by title): the
 * task, phase and tracking issues of a task list.
 */
import { parseMarker, type Marker } from "../../src/identity/marker.js";
import type { Emulator, IssueView } from "../github-emulator/index.js";

/** A repository on the emulator; a Harness is one. */
export interface EmulatedRepo {
  emulator: Emulator;
  owner: string;
  repo: string;
}

/** The repository's issues, by number, without its pull requests. */
export function issuesOf({ emulator, owner, repo }: EmulatedRepo): IssueView[] {
  return emulator.issues(owner, repo).filter((i) => !i.is_pull_request);
}

/** The first issue whose tasksync marker satisfies `match`; undefined when none does. */
export function findByMarker(
  where: EmulatedRepo,
  match: (marker: Marker, issue: IssueView) => boolean,
): IssueView | undefined {
  return issuesOf(where).find((issue) => {
    const marker = parseMarker(issue.body);
    return marker !== null && match(marker, issue);
  });
}

function found(issue: IssueView | undefined, what: string): IssueView {
  if (!issue) throw new Error(`no issue for ${what}`);
  return issue;
}

/** The issue of task `id` in the list at `path`; undefined when there is none (yet). */
export function findTaskIssue(where: EmulatedRepo, id: string, path: string): IssueView | undefined {
  return findByMarker(where, (m) => m.kind === "task" && m.id === id && m.path === path);
}

/** The issue of task `id` in the list at `path`; throws when there is none. */
export function taskIssue(where: EmulatedRepo, id: string, path: string): IssueView {
  return found(findTaskIssue(where, id, path), `${id} in ${path}`);
}

/** The issue of the phase with key `phase` ("1", "3.10", "2/2", ...) in the list at `path`; throws when there is none. */
export function phaseIssue(where: EmulatedRepo, phase: string, path: string): IssueView {
  return found(
    findByMarker(where, (m) => m.kind === "phase" && m.phase === phase && m.path === path),
    `phase ${phase} of ${path}`,
  );
}

/** The tracking issue of the list at `path`; throws when there is none. */
export function trackingIssue(where: EmulatedRepo, path: string): IssueView {
  return found(
    findByMarker(where, (m) => m.kind === "tracking" && m.path === path),
    `the tracking issue of ${path}`,
  );
}
