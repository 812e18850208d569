/** Title, body and label differences between a desired issue and the one that exists. Pure. */
import type { TasksyncConfig } from "../../config/schema.js";
import type { TrackedIssue } from "../observe/tracked-issues.js";

export interface FieldChanges {
  title?: string;
  body?: string;
  labels?: string[];
}

/** Whether a label name is one tasksync manages (so it may remove it). */
export function isManagedLabel(name: string, labels: TasksyncConfig["labels"]): boolean {
  const lower = name.toLowerCase();
  const fixed = [
    labels.tasksync.name,
    labels.parallel.name,
    labels.mvp.name,
    ...(labels.ready.enabled ? [labels.ready.name] : []),
  ].map((n) => n.toLowerCase());
  const prefixes = [labels.feature, labels.phase, labels.story, labels.priority].map((l) => l.prefix.toLowerCase());
  return fixed.includes(lower) || prefixes.some((p) => p !== "" && lower.startsWith(p));
}

/** Desired labels plus the ones people added themselves; undefined when nothing changes. */
export function labelChange(
  desired: string[],
  existing: string[],
  labels: TasksyncConfig["labels"],
): string[] | undefined {
  const want = new Set(desired.map((n) => n.toLowerCase()));
  const have = new Set(existing.map((n) => n.toLowerCase()));
  const missing = desired.some((n) => !have.has(n.toLowerCase()));
  const stale = existing.some((n) => isManagedLabel(n, labels) && !want.has(n.toLowerCase()));
  if (!missing && !stale) return undefined;
  const kept = existing.filter((n) => !isManagedLabel(n, labels) && !want.has(n.toLowerCase()));
  return [...desired, ...kept];
}

/**
 * A body as compared: line numbers in the links to the task list are left out, so inserting a
 * line near the top of a list does not rewrite every issue below it. The links are refreshed
 * whenever something else in the body changes.
 */
export function comparableBody(body: string): string {
  return body
    .replace(/\r\n/g, "\n")
    .replace(/#L\d+\)/g, ")")
    .replace(/ line \d+\]/g, "]");
}

export function fieldChanges(
  desired: { title: string; body: string; labels: string[] },
  existing: TrackedIssue,
  labels: TasksyncConfig["labels"],
): FieldChanges {
  const changes: FieldChanges = {};
  if (desired.title !== existing.title) changes.title = desired.title;
  if (comparableBody(desired.body) !== comparableBody(existing.body)) changes.body = desired.body;
  const newLabels = labelChange(desired.labels, existing.labels, labels);
  if (newLabels) changes.labels = newLabels;
  return changes;
}
