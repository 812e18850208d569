/**
 * GitHub Projects (v2) as the emulator keeps them: projects owned by an organization or a user,
 * their fields (a new project has Title and the single-select Status with Todo, In Progress and
 * Done, as on GitHub), and items (issues) with their field values. Kept beside the State (a
 * WeakMap), so the shared store files need no change.
 */
import { randomBytes } from "node:crypto";
import type { IssueRecord, UserRecord } from "./records.js";
import type { State } from "./state.js";

export interface ProjectOptionRecord {
  id: string;
  name: string;
  color: string;
  description: string;
}

export interface ProjectFieldRecord {
  id: string;
  databaseId: number;
  name: string;
  /** TEXT, SINGLE_SELECT, NUMBER, TITLE, … */
  dataType: string;
  options?: ProjectOptionRecord[];
}

export interface ProjectItemRecord {
  id: string;
  content: IssueRecord;
  /** By field id: text, or a single-select option id. */
  values: Map<string, { text?: string; optionId?: string }>;
  createdBy: UserRecord;
}

export interface ProjectRecord {
  id: string;
  number: number;
  owner: UserRecord;
  title: string;
  fields: ProjectFieldRecord[];
  items: ProjectItemRecord[];
}

const stores = new WeakMap<State, ProjectRecord[]>();

export function projectsOf(state: State): ProjectRecord[] {
  let list = stores.get(state);
  if (!list) {
    list = [];
    stores.set(state, list);
  }
  return list;
}

const shortId = (): string => randomBytes(4).toString("hex");

export function newOptions(
  options: ReadonlyArray<{ name: string; color?: string; description?: string }>,
): ProjectOptionRecord[] {
  return options.map((o) => ({
    id: shortId(),
    name: o.name,
    color: o.color ?? "GRAY",
    description: o.description ?? "",
  }));
}

export function addField(
  state: State,
  project: ProjectRecord,
  input: {
    name: string;
    dataType: string;
    options?: ReadonlyArray<{ name: string; color?: string; description?: string }>;
  },
): ProjectFieldRecord {
  const databaseId = state.nextId();
  const prefix = input.dataType === "SINGLE_SELECT" ? "PVTSSF" : "PVTF";
  const field: ProjectFieldRecord = {
    id: `${prefix}_${Buffer.from(`field:${databaseId}`).toString("base64url")}`,
    databaseId,
    name: input.name,
    dataType: input.dataType,
    ...(input.dataType === "SINGLE_SELECT" ? { options: newOptions(input.options ?? []) } : {}),
  };
  project.fields.push(field);
  return field;
}

export interface CreateProjectInput {
  owner: string;
  ownerType?: "User" | "Organization";
  title?: string;
  /** Status options of the new project (GitHub's: Todo, In Progress, Done). */
  statusOptions?: string[];
}

/** A new project as GitHub makes it: Title, and Status with Todo, In Progress and Done. */
export function createProject(state: State, input: CreateProjectInput): ProjectRecord {
  const owner = state.user(input.owner, input.ownerType ?? "Organization");
  const list = projectsOf(state);
  const number = list.filter((p) => p.owner.id === owner.id).length + 1;
  const project: ProjectRecord = {
    id: `PVT_${Buffer.from(`project:${state.nextId()}`).toString("base64url")}`,
    number,
    owner,
    title: input.title ?? `Project ${number}`,
    fields: [],
    items: [],
  };
  addField(state, project, { name: "Title", dataType: "TITLE" });
  addField(state, project, { name: "Assignees", dataType: "ASSIGNEES" });
  addField(state, project, {
    name: "Status",
    dataType: "SINGLE_SELECT",
    options: (input.statusOptions ?? ["Todo", "In Progress", "Done"]).map((name) => ({
      name,
      color: name === "Done" ? "PURPLE" : name === "Todo" ? "GREEN" : "YELLOW",
    })),
  });
  addField(state, project, { name: "Labels", dataType: "LABELS" });
  addField(state, project, { name: "Repository", dataType: "REPOSITORY" });
  list.push(project);
  return project;
}

export function projectByNumber(state: State, owner: UserRecord, number: number): ProjectRecord | undefined {
  return projectsOf(state).find((p) => p.owner.id === owner.id && p.number === number);
}

export function projectById(state: State, id: unknown): ProjectRecord | undefined {
  return projectsOf(state).find((p) => p.id === id);
}

/** Adds an issue to a project; the item it already has when it is there (as GitHub does). */
export function addItem(project: ProjectRecord, content: IssueRecord, by: UserRecord): ProjectItemRecord {
  const existing = project.items.find((i) => i.content === content);
  if (existing) return existing;
  const item: ProjectItemRecord = { id: `PVTI_${shortId()}${shortId()}`, content, values: new Map(), createdBy: by };
  project.items.push(item);
  return item;
}

/** A field's value on an item, by field name, as a person reads the board: text or the option's name. */
export function itemValue(project: ProjectRecord, item: ProjectItemRecord, fieldName: string): string | null {
  const field = project.fields.find((f) => f.name === fieldName);
  if (!field) return null;
  if (field.dataType === "TITLE") return item.content.title;
  const value = item.values.get(field.id);
  if (!value) return null;
  if (value.optionId !== undefined) return field.options?.find((o) => o.id === value.optionId)?.name ?? null;
  return value.text ?? null;
}

/** The project as a table: one row per item, by issue number, with each named field's value. */
export function projectTable(
  project: ProjectRecord,
  fieldNames: readonly string[],
): Array<Record<string, string | number | null>> {
  return project.items.map((item) => ({
    issue: item.content.number,
    ...Object.fromEntries(fieldNames.map((n) => [n, itemValue(project, item, n)])),
  }));
}
