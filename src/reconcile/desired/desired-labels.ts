/** The labels tasksync puts on issues, named from config. */
import type { TasksyncConfig } from "../../config/schema.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import type { Phase, Task, TaskDocument } from "../../tasks/model.js";
import type { DesiredLabel } from "../model/desired.js";

type LabelConfig = TasksyncConfig["labels"];

function clip(name: string): string {
  const chars = Array.from(name);
  return chars.length <= GITHUB_LIMITS.labelNameLength
    ? name
    : chars.slice(0, GITHUB_LIMITS.labelNameLength).join("").trimEnd();
}

const prefixed = (cfg: { prefix: string; color: string }, value: string): DesiredLabel => ({
  name: clip(`${cfg.prefix}${value}`),
  color: cfg.color,
});

export function baseLabels(labels: LabelConfig, doc: TaskDocument): DesiredLabel[] {
  return [{ name: labels.tasksync.name, color: labels.tasksync.color }, prefixed(labels.feature, doc.feature.id)];
}

function phaseParts(labels: LabelConfig, phase: Phase): DesiredLabel[] {
  const out = [prefixed(labels.phase, phase.number ?? phase.title)];
  if (phase.priority) out.push(prefixed(labels.priority, phase.priority));
  if (phase.mvp) out.push({ name: labels.mvp.name, color: labels.mvp.color });
  return out;
}

export function phaseLabels(labels: LabelConfig, phase: Phase): DesiredLabel[] {
  const out = phaseParts(labels, phase);
  if (phase.story) out.push(prefixed(labels.story, phase.story));
  return out;
}

export function taskLabels(labels: LabelConfig, task: Task, phase: Phase | undefined): DesiredLabel[] {
  const out = phase ? phaseParts(labels, phase) : [];
  if (task.story) out.push(prefixed(labels.story, task.story));
  if (task.parallel) out.push({ name: labels.parallel.name, color: labels.parallel.color });
  return out;
}

/** De-duplicates labels by name (case-insensitive), keeping the first. */
export function uniqueLabels(labels: DesiredLabel[]): DesiredLabel[] {
  const seen = new Set<string>();
  return labels.filter((l) => {
    const k = l.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The label of an optional task (Kiro's `*` after the checkbox). */
export const OPTIONAL_LABEL: DesiredLabel = { name: "optional", color: "cfd3d7" };

/** The `ready` label, when the configuration has it on. */
export function readyLabel(labels: TasksyncConfig["labels"]): DesiredLabel | null {
  return labels.ready.enabled ? { name: labels.ready.name, color: labels.ready.color } : null;
}

/** An issue's labels without `ready` (a removed task's issue, closing); undefined when it has none. */
export function labelsWithoutReady(
  existing: readonly string[],
  labels: TasksyncConfig["labels"],
): string[] | undefined {
  if (!labels.ready.enabled) return undefined;
  const name = labels.ready.name.toLowerCase();
  return existing.some((n) => n.toLowerCase() === name) ? existing.filter((n) => n.toLowerCase() !== name) : undefined;
}
