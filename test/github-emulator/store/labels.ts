/** Repository labels: names are unique case-insensitively; issues refer to labels by id. */
import { HttpError, validationFailed } from "../errors.js";
import { nodeId } from "../ids.js";
import type { LabelRecord, RepoRecord } from "./records.js";
import type { State } from "./state.js";
import { repoApi } from "./repos.js";

export const DEFAULT_LABEL_COLOR = "ededed";

export function findLabel(repo: RepoRecord, name: string): LabelRecord | undefined {
  return repo.labels.get(name.toLowerCase());
}

export function labelById(repo: RepoRecord, id: number): LabelRecord | undefined {
  for (const l of repo.labels.values()) if (l.id === id) return l;
  return undefined;
}

function checkColor(color: string): string {
  const c = color.replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(c)) throw validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
  return c.toLowerCase();
}

export function createLabel(
  state: State,
  repo: RepoRecord,
  input: { name: unknown; color?: unknown; description?: unknown },
): LabelRecord {
  if (typeof input.name !== "string" || input.name.trim() === "") {
    throw validationFailed([{ resource: "Label", code: "missing_field", field: "name" }]);
  }
  if (findLabel(repo, input.name)) {
    throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
  }
  const id = state.nextId();
  const label: LabelRecord = {
    id,
    node_id: nodeId("LA", id),
    name: input.name,
    color: typeof input.color === "string" ? checkColor(input.color) : DEFAULT_LABEL_COLOR,
    description: typeof input.description === "string" ? input.description : null,
    default: false,
  };
  repo.labels.set(label.name.toLowerCase(), label);
  return label;
}

/** Find or create (as issue create/update do for unknown names). */
export function ensureLabel(state: State, repo: RepoRecord, name: string): LabelRecord {
  return findLabel(repo, name) ?? createLabel(state, repo, { name });
}

export function updateLabel(
  repo: RepoRecord,
  name: string,
  input: { new_name?: unknown; name?: unknown; color?: unknown; description?: unknown },
): LabelRecord {
  const label = findLabel(repo, name);
  if (!label) throw new HttpError(404, "Not Found");
  const newName =
    typeof input.new_name === "string" ? input.new_name : typeof input.name === "string" ? input.name : undefined;
  if (newName !== undefined && newName.toLowerCase() !== label.name.toLowerCase() && findLabel(repo, newName)) {
    throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
  }
  if (newName !== undefined) {
    repo.labels.delete(label.name.toLowerCase());
    label.name = newName;
    repo.labels.set(newName.toLowerCase(), label);
  }
  if (typeof input.color === "string") label.color = checkColor(input.color);
  if (typeof input.description === "string" || input.description === null) label.description = input.description;
  return label;
}

export function deleteLabel(repo: RepoRecord, name: string): void {
  const label = findLabel(repo, name);
  if (!label) throw new HttpError(404, "Not Found");
  repo.labels.delete(label.name.toLowerCase());
  for (const issue of repo.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
}

export function labelJson(state: State, repo: RepoRecord, l: LabelRecord): Record<string, unknown> {
  return {
    id: l.id,
    node_id: l.node_id,
    url: `${repoApi(state, repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}
