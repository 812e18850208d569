/**
 * Where the GitHub host has no API for a relation, the issue bodies carry it: a "Blocked by #12,
 * #14" line when there is no dependency API, and task lists of the children in phase and
 * tracking issues when there are no sub-issues. The gates still enforce the task list's own
 * dependencies; these lines are for people. Pure.
 */
import type { DesiredIssue } from "../model/desired.js";
import { MARKER_PREFIX } from "../../identity/marker.js";
import { hasIssueTokens, issueToken, resolveIssueTokens } from "../render/issue-ref-tokens.js";

/** What the planner needs to know about the host. */
export interface PlanHost {
  /** Sub-issues exist (REST or GraphQL). */
  subIssues: boolean;
  /** Blocked-by links exist. */
  dependencies: boolean;
}

export const FULL_HOST: PlanHost = { subIssues: true, dependencies: true };

/** Inserts a section before the body's closing "Managed by tasksync" line (or its marker). */
function insertSection(body: string, section: string): string {
  const at = [body.lastIndexOf("\n<sub>Managed by tasksync"), body.lastIndexOf(`\n${MARKER_PREFIX}`)].find(
    (i) => i >= 0,
  );
  if (at === undefined) return `${body}\n\n${section}`;
  return `${body.slice(0, at).trimEnd()}\n\n${section}\n${body.slice(at)}`;
}

/**
 * The desired issues as this host can hold them: relations it cannot link become lines in the
 * bodies (issue tokens, resolved for the issues that exist), and are not planned as links.
 */
export function forHost(
  issues: DesiredIssue[],
  host: PlanHost,
  numberOf: (key: string) => number | undefined,
): DesiredIssue[] {
  if (host.subIssues && host.dependencies) {
    // Bodies may still name other issues (a phase checklist's blockers in other phases).
    return issues.map((d) => (hasIssueTokens(d.body) ? { ...d, body: resolveIssueTokens(d.body, numberOf) } : d));
  }
  return issues.map((d) => {
    let body = d.body;
    let { parentKey, blockedByKeys } = d;
    if (!host.dependencies && blockedByKeys.length > 0) {
      body = insertSection(body, `Blocked by ${blockedByKeys.map(issueToken).join(", ")}`);
      blockedByKeys = [];
    }
    if (!host.subIssues) {
      const children = issues.filter((c) => c.parentKey === d.key);
      if (children.length > 0) {
        const list = children.map((c) => `- [${c.done ? "x" : " "}] ${issueToken(c.key)}`);
        body = insertSection(body, ["**Sub-issues:**", "", ...list].join("\n"));
      }
      parentKey = null;
    }
    return { ...d, body: resolveIssueTokens(body, numberOf), parentKey, blockedByKeys };
  });
}
