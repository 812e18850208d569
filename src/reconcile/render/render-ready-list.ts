/**
 * The tracking issue's "Ready now" list (pure): the open tasks whose blockers are all done, each
 * with its issue (a token the planner or apply turns into `#12`), capped so a list of thousands
 * stays a glance; the rest are one click away through the `ready` label.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import type { TaskDocument } from "../../tasks/model.js";
import { issueToken } from "./issue-ref-tokens.js";
import { taskKey } from "../../identity/marker.js";
import type { TaskReadiness } from "../../tasks/graph/readiness.js";
import type { RepoContext } from "../../github/repo-context.js";

/** Ready tasks listed by name; the rest are counted. */
export const READY_LIST_LIMIT = 10;
const DESCRIPTION_LENGTH = 70;

const short = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat); // never half of an emoji
  return chars.length > DESCRIPTION_LENGTH ? `${chars.slice(0, DESCRIPTION_LENGTH - 1).join("")}…` : flat;
};

/** The issues search of a feature's open ready tasks. */
function readySearch(ctx: RepoContext, labels: TasksyncConfig["labels"], featureLabel: string): string {
  const query = `is:issue is:open label:"${labels.ready.name}" label:"${featureLabel}"`;
  return `${ctx.htmlUrl}/issues?q=${encodeURIComponent(query)}`;
}

export function renderReadyList(
  ctx: RepoContext,
  doc: TaskDocument,
  readiness: ReadonlyMap<string, TaskReadiness>,
  labels: TasksyncConfig["labels"],
  featureLabel: string,
  taskIssues = true,
): string[] {
  const ready = doc.tasks.filter((t) => readiness.get(t.id) === "ready");
  if (ready.length === 0) {
    const open = doc.tasks.some((t) => readiness.get(t.id) === "blocked");
    return open ? ["**Ready now:** nothing: every open task waits on another."] : [];
  }
  const lines = [`**Ready now (${ready.length}):**`, ""];
  for (const task of ready.slice(0, READY_LIST_LIMIT)) {
    const issue = taskIssues ? `${issueToken(taskKey(doc.path, task.id))} ` : "";
    lines.push(`- ${issue}${task.id} ${short(task.description)}`);
  }
  const rest = ready.length - READY_LIST_LIMIT;
  if (rest > 0) {
    const all =
      labels.ready.enabled && taskIssues ? `: [all ready tasks](${readySearch(ctx, labels, featureLabel)})` : "";
    lines.push(`- … and ${rest} more${all}`);
  }
  return lines;
}
