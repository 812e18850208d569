/** What a workflow's event asks of tasksync, in words for the log and the job summary. */

export interface EventPayload {
  action?: string;
  ref?: string;
  installation?: unknown;
  repository?: { full_name?: string };
  issue?: { number?: number };
  pull_request?: { number?: number; head?: { repo?: { full_name?: string } | null } };
  [key: string]: unknown;
}

export function describeTrigger(eventName: string, payload: EventPayload): string {
  const action = payload.action ? `.${payload.action}` : "";
  switch (eventName) {
    case "push":
      return `push to ${payload.ref ?? "a branch"}: sync the task lists that changed`;
    case "issues":
      if (payload.action === "edited")
        return `issues.edited #${payload.issue?.number ?? "?"}: write a phase checklist's ticks back`;
      if (payload.action !== "closed" && payload.action !== "reopened")
        return `issues${action}: nothing to do (tasksync acts on closed, reopened and edited)`;
      return `issues${action} #${payload.issue?.number ?? "?"}: write the task's checkbox back`;
    case "issue_comment":
      return `issue_comment${action} on #${payload.issue?.number ?? "?"}: \`/tasksync sync\` if asked`;
    case "pull_request":
    case "pull_request_target":
      return `${eventName}${action} #${payload.pull_request?.number ?? "?"}: the \`tasksync / gates\` check`;
    case "workflow_dispatch":
    case "schedule":
    case "repository_dispatch":
      return `${eventName}: a full reconcile of every task list`;
    default:
      return `${eventName}: nothing to do`;
  }
}

/** A pull request from a fork: its workflow token is read-only whatever `permissions:` says. */
export function fromFork(payload: EventPayload): boolean {
  const head = payload.pull_request?.head?.repo?.full_name;
  const base = payload.repository?.full_name;
  return head !== undefined && base !== undefined && head !== base;
}
