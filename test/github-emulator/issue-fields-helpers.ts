/**
 * "A person on github.com" and state readers for milestones, assignees and issue types:
 * reassigning an issue, making a milestone by hand, reading an issue's fields, changing an
 * organisation's issue types.
 */
import type { Emulator } from "./emulator.js";
import { getIssue, issueJson, updateIssue } from "./store/issues.js";
import { createMilestone, filterMilestones, setIssueTypes } from "./store/issue-fields.js";
import type { RepoRecord } from "./store/records.js";

function repoOf(em: Emulator, owner: string, repo: string): RepoRecord {
  const found = em.state.repo(owner, repo);
  if (!found) throw new Error(`no repository ${owner}/${repo}`);
  return found;
}

export interface IssueFieldsView {
  assignees: string[];
  milestone: { number: number; title: string } | null;
  type: string | null;
}

/** An issue's assignees, milestone and type, as its REST JSON has them. */
export function issueFields(em: Emulator, owner: string, repo: string, number: number): IssueFieldsView {
  const json = issueJson(em.state, getIssue(repoOf(em, owner, repo), number)) as {
    assignees: Array<{ login: string }>;
    milestone: { number: number; title: string } | null;
    type: { name: string } | null;
  };
  return {
    assignees: json.assignees.map((a) => a.login),
    milestone: json.milestone ? { number: json.milestone.number, title: json.milestone.title } : null,
    type: json.type?.name ?? null,
  };
}

/** A person sets an issue's assignees on GitHub (the logins must be assignable, as on GitHub). */
export function assignIssue(
  em: Emulator,
  owner: string,
  repo: string,
  number: number,
  logins: string[],
  by?: string,
): void {
  const r = repoOf(em, owner, repo);
  updateIssue(em.state, getIssue(r, number), by ? em.state.user(by) : em.state.defaultUser, { assignees: logins });
}

/** Every milestone of a repository, open and closed, by number. */
export function milestones(
  em: Emulator,
  owner: string,
  repo: string,
): Array<{ number: number; title: string; description: string | null; creator: string; state: "open" | "closed" }> {
  return filterMilestones(repoOf(em, owner, repo), new URLSearchParams("state=all"))
    .sort((a, b) => a.number - b.number)
    .map((m) => ({
      number: m.number,
      title: m.title,
      description: m.description,
      creator: m.creator.login,
      state: m.state,
    }));
}

/** A person makes a milestone by hand. */
export function addMilestone(em: Emulator, owner: string, repo: string, title: string, by?: string): number {
  return createMilestone(em.state, repoOf(em, owner, repo), by ? em.state.user(by) : em.state.defaultUser, { title })
    .number;
}

/** Replaces an organisation's issue types (an organisation starts with Task, Bug and Feature). */
export function setOrgIssueTypes(em: Emulator, org: string, names: string[]): void {
  setIssueTypes(em.state, em.state.user(org, "Organization"), names);
}
