/**
 * The project plan (pure): the project's fields and tasksync's items in it, against what each
 * issue should show → operations for the project writer (project-apply.ts), and notes for the
 * user about what tasksync cannot do in this project. Fields are created once; an item is added
 * when it is missing; a value is written only when it differs from what the item holds.
 */
import type { IssueProjectState, ObservedProject, ProjectField } from "./project-read.js";
import {
  PROJECT_FIELD_SPECS,
  sameName,
  STATUS_FALLBACK,
  type FieldSpec,
  type OptionSpec,
  type ProjectFieldName,
  type ProjectStatus,
} from "./project-fields.js";
import type { DesiredItem } from "./project-values.js";

export type ProjectOperation =
  | {
      kind: "create-project-field";
      field: ProjectFieldName;
      dataType: "TEXT" | "SINGLE_SELECT";
      options: OptionSpec[];
      reason: string;
    }
  /** Replaces a single-select field's options with these (the existing ones first, kept as they are). */
  | { kind: "set-field-options"; field: ProjectFieldName; fieldId: string; options: OptionSpec[]; reason: string }
  | { kind: "add-project-item"; key: string; contentId: string; reason: string }
  /** `value`: text, or an option's name; null clears the field. */
  | {
      kind: "set-project-value";
      key: string;
      contentId: string;
      field: ProjectFieldName;
      value: string | null;
      reason: string;
    }
  /** The notice on a tracking issue (`key`): posted, or the comment `commentId` updated to `body`. */
  | {
      kind: "project-notice";
      key: string;
      issueNumber: number;
      commentId: number | null;
      body: string;
      reason: string;
    };

export interface ProjectPlan {
  operations: ProjectOperation[];
  /** What the user should know (shown in the log and on the tracking issues). */
  notes: string[];
  /** Items already right. */
  unchanged: number;
}

/** What a field can hold once the field operations are applied: text, these option names, or nothing tasksync writes. */
type Usable =
  | { kind: "text"; id: string | null }
  | { kind: "select"; id: string | null; options: string[]; byId: Map<string, string> }
  | { kind: "none" };

function optionsToAdd(spec: FieldSpec, field: ProjectField): OptionSpec[] {
  return (spec.options ?? []).filter((o) => !(field.options ?? []).some((have) => sameName(have.name, o.name)));
}

function planFields(project: ObservedProject, ops: ProjectOperation[], notes: string[]): Map<ProjectFieldName, Usable> {
  const usable = new Map<ProjectFieldName, Usable>();
  for (const spec of PROJECT_FIELD_SPECS) {
    const field = project.fields.find((f) => sameName(f.name, spec.name));
    if (!field) {
      ops.push({
        kind: "create-project-field",
        field: spec.name,
        dataType: spec.dataType,
        options: [...(spec.options ?? [])],
        reason: "the project has no such field",
      });
      usable.set(
        spec.name,
        spec.dataType === "TEXT"
          ? { kind: "text", id: null }
          : { kind: "select", id: null, options: (spec.options ?? []).map((o) => o.name), byId: new Map() },
      );
      continue;
    }
    if (field.dataType === "TEXT") {
      usable.set(spec.name, { kind: "text", id: field.id });
      continue;
    }
    if (field.dataType !== "SINGLE_SELECT") {
      notes.push(
        `The project's "${field.name}" field is a ${field.dataType} field: tasksync writes ${spec.name} only to a text or single-select field, so it leaves this one alone.`,
      );
      usable.set(spec.name, { kind: "none" });
      continue;
    }
    const existing = field.options ?? [];
    const names = existing.map((o) => o.name);
    const missing = optionsToAdd(spec, field);
    if (missing.length > 0 && project.itemCount === 0) {
      // GitHub can only replace a field's options (clearing every item's value); in a project without items nothing is lost.
      const keep = existing.map((o) => ({
        name: o.name,
        color: o.color as OptionSpec["color"],
        description: o.description,
      }));
      ops.push({
        kind: "set-field-options",
        field: spec.name,
        fieldId: field.id,
        options: [...keep, ...missing],
        reason: `add ${missing.map((o) => `"${o.name}"`).join(", ")} to an empty project`,
      });
      names.push(...missing.map((o) => o.name));
    } else if (missing.length > 0) {
      const list = missing.map((o) => `"${o.name}"`).join(", ");
      notes.push(
        `The project's "${field.name}" field has no ${list} option${missing.length > 1 ? "s" : ""}: add ${missing.length > 1 ? "them" : "it"} in the project's settings. ` +
          "GitHub's API can only replace all of a field's options, which would clear that field on every item, so tasksync does not.",
      );
    }
    usable.set(spec.name, {
      kind: "select",
      id: field.id,
      options: names,
      byId: new Map(existing.map((o) => [o.id, o.name])),
    });
  }
  return usable;
}

/** The value to write: text as is; an option's name as the field spells it (with the Status fallback), or undefined when the field cannot hold it. */
function resolve(name: ProjectFieldName, usable: Usable, value: string | null): string | null | undefined {
  if (usable.kind === "none") return undefined;
  if (value === null || usable.kind === "text") return value;
  let wanted: string | null = value;
  while (wanted !== null) {
    const found = usable.options.find((o) => sameName(o, wanted as string));
    if (found !== undefined) return found;
    wanted = name === "Status" ? (STATUS_FALLBACK[wanted as ProjectStatus] ?? null) : null;
  }
  return undefined;
}

/** What the item holds now, as text or an option's name (null: nothing). */
function current(usable: Usable, state: IssueProjectState | undefined): string | null {
  if (usable.kind === "none" || usable.id === null || !state?.item) return null;
  const raw = state.item.values.get(usable.id);
  if (raw === undefined) return null;
  return usable.kind === "select" ? (usable.byId.get(raw) ?? null) : raw;
}

export function planProject(
  project: ObservedProject,
  desired: readonly DesiredItem[],
  observed: ReadonlyMap<string, IssueProjectState>,
): ProjectPlan {
  const ops: ProjectOperation[] = [];
  const notes: string[] = [];
  const usable = planFields(project, ops, notes);
  const unreachable = new Set<string>();
  let unchanged = 0;
  for (const item of desired) {
    const state = observed.get(item.nodeId);
    const before = ops.length;
    if (!state?.item)
      ops.push({ kind: "add-project-item", key: item.key, contentId: item.nodeId, reason: "not in the project yet" });
    for (const spec of PROJECT_FIELD_SPECS) {
      const field = usable.get(spec.name) ?? { kind: "none" };
      if (!(spec.name in item.values)) continue;
      const want = resolve(spec.name, field, item.values[spec.name] ?? null);
      if (want === undefined) {
        if (field.kind === "select" && item.values[spec.name] !== null)
          unreachable.add(`${spec.name}: "${String(item.values[spec.name])}"`);
        continue;
      }
      const have = current(field, state);
      if (have === want || (have !== null && want !== null && field.kind === "select" && sameName(have, want)))
        continue;
      ops.push({
        kind: "set-project-value",
        key: item.key,
        contentId: item.nodeId,
        field: spec.name,
        value: want,
        reason: have === null ? "not set yet" : `was "${have}"`,
      });
    }
    if (ops.length === before) unchanged += 1;
  }
  if (unreachable.size > 0)
    notes.push(`These values have no option in the project, so they are not shown: ${[...unreachable].join(", ")}.`);
  return { operations: ops, notes, unchanged };
}

export function describeProjectOperation(op: ProjectOperation): string {
  switch (op.kind) {
    case "create-project-field":
      return `create project field "${op.field}" (${op.dataType})`;
    case "set-field-options":
      return `set the options of project field "${op.field}": ${op.options.map((o) => o.name).join(", ")}`;
    case "add-project-item":
      return `add [${op.key}] to the project`;
    case "set-project-value":
      return op.value === null
        ? `clear "${op.field}" of [${op.key}]`
        : `set "${op.field}" of [${op.key}] to "${op.value}"`;
    case "project-notice":
      return op.commentId === null
        ? `comment the project notice on #${op.issueNumber} [${op.key}]`
        : `update the project notice ${op.commentId} on #${op.issueNumber} [${op.key}]`;
  }
}
