/** The comments write-back leaves on task issues when it could not simply commit. Pure text, posted once each. */
import type { MissingReason } from "./apply-ticks.js";
import type { CheckboxChange } from "../../checkbox-change.js";

const verb = (change: CheckboxChange): string => (change.checked ? "tick" : "untick");
const gerund = (change: CheckboxChange): string => (change.checked ? "Ticking" : "Unticking");

export function missingTaskComment(
  path: string,
  change: CheckboxChange,
  reason: MissingReason,
): { name: string; body: string } {
  const why =
    reason === "not-in-list"
      ? `the task list has no task ${change.taskId} any more`
      : `task ${change.taskId} has no checkbox there`;
  return {
    name: `missing ${path}#${change.taskId}`,
    body: `tasksync could not ${verb(change)} **${change.taskId}** in \`${path}\`: ${why}, so nothing was written.`,
  };
}

export function pullRequestComment(
  path: string,
  change: CheckboxChange,
  defaultBranch: string,
  pull: { number: number; htmlUrl: string },
): { name: string; body: string } {
  return {
    name: `pull #${pull.number}`,
    body: `\`${defaultBranch}\` refused tasksync's commit (branch protection or a ruleset). ${gerund(change)} **${change.taskId}** in \`${path}\` waits in pull request #${pull.number}: ${pull.htmlUrl}`,
  };
}

export function permissionComment(
  path: string,
  change: CheckboxChange,
  permission: string,
): { name: string; body: string } {
  return {
    name: `permission ${permission}`,
    body: `tasksync could not ${verb(change)} **${change.taskId}** in \`${path}\`: the app lacks the \`${permission}\` permission on this repository. An administrator can grant it in the app's installation settings; until then the task list is not updated from issues.`,
  };
}
