/**
 * Which tasks a pull request works on (pure): the tasks it ticks in any task list (base → head),
 * the tasks whose issues it closes, and the task ids in its title or branch name.
 */
import type { TaskDocument } from "../../tasks/model.js";
import { IdIndex } from "../../tasks/lines/task-ids.js";
import type { Marker } from "../../identity/marker.js";
import { NO_PHASE_KEY, phaseSlots } from "../../reconcile/desired/phase-slots.js";
import type { FeatureDocs, WorkReason, WorkedTask } from "../gate-model.js";
import type { RangedTaskRef } from "./task-refs.js";

export interface PrWorkInput {
  features: readonly FeatureDocs[];
  /** Task ids named in the title and branch. */
  refs: readonly RangedTaskRef[];
  /** Markers of the issues the PR closes (task and phase issues count). */
  closing: readonly Marker[];
  /** Feature ids the branch name is about: bare ids resolve there when the PR changes no list. */
  branchFeatures?: readonly string[];
}

export interface PrWork {
  worked: WorkedTask[];
  /** Ids named in the title or branch that match no task in the lists they could mean. */
  unresolved: string[];
}

export function prWork(input: PrWorkInput): PrWork {
  const withHead = input.features.filter((f): f is FeatureDocs & { head: TaskDocument } => f.head !== null);
  const found = new Map<string, WorkedTask>();
  const add = (path: string, id: string, reason: WorkReason): void => {
    const key = `${path}#${id}`;
    const entry = found.get(key) ?? { path, id, reasons: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    found.set(key, entry);
  };

  for (const feature of withHead) {
    const before = new Map((feature.base?.tasks ?? []).map((t) => [t.id, t.checked]));
    for (const task of feature.head.tasks)
      if (task.checked && before.get(task.id) !== true) add(feature.path, task.id, "ticks");
  }

  for (const marker of input.closing) {
    const feature = withHead.find((f) => f.path === marker.path);
    if (!feature) continue;
    if (marker.kind === "task") {
      if (feature.head.tasks.some((t) => t.id === marker.id)) add(feature.path, marker.id, "closes");
    } else if (marker.kind === "phase") {
      // Loose tasks have a phase issue of their own with one issue per phase, or past 100 of them.
      const slot = phaseSlots(feature.head, marker.phase.startsWith(NO_PHASE_KEY)).find((s) => s.key === marker.phase);
      for (const id of slot?.taskIds ?? []) add(feature.path, id, "closes");
    }
  }

  const unresolved: string[] = [];
  const bareCandidates = candidatesForBareIds(withHead, input.branchFeatures ?? []);
  for (const ref of input.refs) {
    const qualified =
      ref.feature === null
        ? []
        : withHead.filter((f) => f.head.feature.id.toLowerCase() === ref.feature?.toLowerCase());
    const docs = qualified.length > 0 ? qualified : bareCandidates;
    let matched = false;
    for (const feature of docs) {
      for (const id of idsOf(feature.head, ref)) {
        add(feature.path, id, ref.source);
        matched = true;
      }
    }
    if (!matched) unresolved.push(ref.to === undefined ? ref.id : `${ref.id}-${ref.to}`);
  }

  return { worked: inDocumentOrder([...found.values()], withHead), unresolved };
}

function candidatesForBareIds<T extends FeatureDocs & { head: TaskDocument }>(
  features: T[],
  branchFeatures: readonly string[],
): T[] {
  const changed = features.filter((f) => f.changed);
  if (changed.length > 0) return changed;
  const named = features.filter((f) =>
    branchFeatures.some((id) => id.toLowerCase() === f.head.feature.id.toLowerCase()),
  );
  if (named.length > 0) return named;
  return features.length === 1 ? features : [];
}

function idsOf(doc: TaskDocument, ref: RangedTaskRef): string[] {
  const index = new IdIndex(doc.tasks.map((t) => t.id));
  if (ref.to !== undefined) return index.expand(ref.id, ref.to);
  return index.has(ref.id) ? [ref.id] : [];
}

function inDocumentOrder(
  worked: WorkedTask[],
  features: ReadonlyArray<FeatureDocs & { head: TaskDocument }>,
): WorkedTask[] {
  const featureOrder = new Map(features.map((f, i) => [f.path, i]));
  const lineOf = new Map(features.flatMap((f) => f.head.tasks.map((t) => [`${f.path}#${t.id}`, t.line] as const)));
  return worked.sort(
    (a, b) =>
      (featureOrder.get(a.path) ?? 0) - (featureOrder.get(b.path) ?? 0) ||
      (lineOf.get(`${a.path}#${a.id}`) ?? 0) - (lineOf.get(`${b.path}#${b.id}`) ?? 0),
  );
}
