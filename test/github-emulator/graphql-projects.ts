/**
 * Projects v2 in the emulator's GraphQL: `repositoryOwner` / `organization` / `user` with
 * `projectV2(number)`, a project's fields and items, an issue's `projectItems` and
 * `closedByPullRequestsReferences`, and the mutations addProjectV2ItemById,
 * createProjectV2Field, updateProjectV2Field, updateProjectV2ItemFieldValue and
 * clearProjectV2ItemFieldValue. Access as on GitHub: an installation token never sees a
 * project owned by a user ("Could not resolve to a ProjectV2 with the number N."), and an
 * organization's project needs the installation's `organization_projects` permission.
 */
import type { Actor, IssueRecord, UserRecord } from "./store/records.js";
import type { State } from "./store/state.js";
import { MutationError } from "./graphql-mutations.js";
import {
  addField,
  addItem,
  newOptions,
  projectById,
  projectByNumber,
  projectsOf as stores,
  type ProjectFieldRecord,
  type ProjectItemRecord,
  type ProjectRecord,
} from "./store/projects.js";

type Node = Record<string, unknown> & { __typename: string };
type Args = Record<string, unknown>;

export interface GraphQLErrorSink {
  push(error: { type?: string; path?: string[]; message: string }): void;
}

/** A connection over a list, with `first` and `after` (cursors are positions). */
export function pagedConnection(items: Node[], args: Args): Node {
  const start =
    typeof args["after"] === "string"
      ? Number(Buffer.from(args["after"], "base64").toString("utf8").replace("cursor:", ""))
      : 0;
  const first = typeof args["first"] === "number" ? Math.min(args["first"], 100) : 100;
  const nodes = items.slice(start, start + first);
  const end = start + nodes.length;
  const cursor = (n: number): string => Buffer.from(`cursor:${n}`).toString("base64");
  return {
    __typename: "Connection",
    totalCount: items.length,
    nodes,
    edges: nodes.map((n, i) => ({ __typename: "Edge", cursor: cursor(start + i + 1), node: n })),
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      endCursor: nodes.length ? cursor(end) : null,
      startCursor: nodes.length ? cursor(start + 1) : null,
    },
  };
}

const PROJECT_MUTATIONS = new Set([
  "addProjectV2ItemById",
  "createProjectV2Field",
  "updateProjectV2Field",
  "updateProjectV2ItemFieldValue",
  "clearProjectV2ItemFieldValue",
]);
const LEVEL: Record<string, number> = { read: 1, write: 2, admin: 3 };

export class ProjectsGraph {
  constructor(
    private readonly state: State,
    /** The open-or-closed pull requests whose closing keywords name issues (the handler's own rule). */
    private readonly closingIssues: (pr: IssueRecord) => IssueRecord[],
    private readonly issueNode: (issue: IssueRecord) => Node,
  ) {}

  /** null when the actor may use the project at this level; else GitHub's answer. */
  private refusal(
    actor: Actor,
    project: ProjectRecord,
    need: "read" | "write",
  ): { type: string; message: string } | null {
    if (actor.kind === "user") return null;
    if (
      actor.kind !== "installation" ||
      project.owner.type !== "Organization" ||
      actor.installation.account.id !== project.owner.id
    ) {
      return { type: "NOT_FOUND", message: `Could not resolve to a ProjectV2 with the number ${project.number}.` };
    }
    const have = LEVEL[actor.installation.permissions["organization_projects"] ?? ""] ?? 0;
    return have >= (need === "read" ? 1 : 2)
      ? null
      : { type: "FORBIDDEN", message: "Resource not accessible by integration" };
  }

  /** The owner node for `repositoryOwner`, `organization` and `user`: with `projectV2(number)`. */
  ownerNode(owner: UserRecord, actor: Actor, errors: GraphQLErrorSink, path: string[]): Node {
    return {
      __typename: owner.type === "Organization" ? "Organization" : "User",
      id: owner.node_id,
      login: owner.login,
      projectV2: (args: Args) => {
        const number = Number(args["number"]);
        const project = projectByNumber(this.state, owner, number);
        const refused = project
          ? this.refusal(actor, project, "read")
          : { type: "NOT_FOUND", message: `Could not resolve to a ProjectV2 with the number ${number}.` };
        if (refused || !project) {
          errors.push({ ...refused!, path: [...path, "projectV2"] });
          return null;
        }
        return this.projectNode(project);
      },
    };
  }

  projectNode(project: ProjectRecord): Node {
    return {
      __typename: "ProjectV2",
      id: project.id,
      number: project.number,
      title: project.title,
      url: `${this.state.webUrl}/${project.owner.type === "Organization" ? "orgs" : "users"}/${project.owner.login}/projects/${project.number}`,
      closed: false,
      fields: (args: Args) =>
        pagedConnection(
          project.fields.map((f) => this.fieldNode(project, f)),
          args,
        ),
      field: (args: Args) => {
        const f = project.fields.find((x) => x.name === args["name"]);
        return f ? this.fieldNode(project, f) : null;
      },
      items: (args: Args) =>
        pagedConnection(
          project.items.map((i) => this.itemNode(project, i)),
          args,
        ),
    };
  }

  private fieldNode(project: ProjectRecord, field: ProjectFieldRecord): Node {
    return {
      __typename: field.dataType === "SINGLE_SELECT" ? "ProjectV2SingleSelectField" : "ProjectV2Field",
      id: field.id,
      databaseId: field.databaseId,
      name: field.name,
      dataType: field.dataType,
      project: () => this.projectNode(project),
      ...(field.options
        ? {
            options: () =>
              field.options!.map((o) => ({
                __typename: "ProjectV2SingleSelectFieldOption",
                ...o,
                nameHTML: o.name,
                descriptionHTML: o.description,
              })),
          }
        : {}),
    };
  }

  private itemNode(project: ProjectRecord, item: ProjectItemRecord): Node {
    const values = (): Node[] =>
      project.fields.flatMap((field): Node[] => {
        const base = {
          id: `PVTFV_${field.databaseId}_${item.id}`,
          field: this.fieldNode(project, field),
          item: () => this.itemNode(project, item),
        };
        if (field.dataType === "TITLE")
          return [{ __typename: "ProjectV2ItemFieldTextValue", ...base, text: item.content.title }];
        const value = item.values.get(field.id);
        if (!value) return [];
        if (value.optionId !== undefined) {
          const option = field.options?.find((o) => o.id === value.optionId);
          return option
            ? [
                {
                  __typename: "ProjectV2ItemFieldSingleSelectValue",
                  ...base,
                  optionId: option.id,
                  name: option.name,
                  color: option.color,
                },
              ]
            : [];
        }
        return [{ __typename: "ProjectV2ItemFieldTextValue", ...base, text: value.text ?? null }];
      });
    return {
      __typename: "ProjectV2Item",
      id: item.id,
      type: "ISSUE",
      isArchived: false,
      project: () => this.projectNode(project),
      content: () => this.issueNode(item.content),
      fieldValues: (args: Args) => pagedConnection(values(), args),
    };
  }

  /** Fields the Issue node gains: its project items (the projects the actor can read) and the open pull requests that will close it. */
  issueFields(issue: IssueRecord, actor: Actor): Record<string, unknown> {
    return {
      projectItems: (args: Args) => {
        const items = [...stores(this.state)].flatMap((p) =>
          this.refusal(actor, p, "read")
            ? []
            : p.items.filter((i) => i.content === issue).map((i) => this.itemNode(p, i)),
        );
        return pagedConnection(items, args);
      },
      closedByPullRequestsReferences: (args: Args) => {
        const pulls = [...issue.repo.issues.values()].filter(
          (pr) =>
            pr.pull &&
            (args["includeClosedPrs"] === true || pr.state === "open") &&
            this.closingIssues(pr).includes(issue),
        );
        return pagedConnection(
          pulls.map((pr) => this.issueNode(pr)),
          args,
        );
      },
    };
  }

  handles(name: string): boolean {
    return PROJECT_MUTATIONS.has(name);
  }

  private writable(input: Args, actor: Actor): ProjectRecord {
    const project = projectById(this.state, input["projectId"]);
    if (!project)
      throw new MutationError(
        `Could not resolve to a node with the global id of '${String(input["projectId"])}'`,
        undefined,
        "NOT_FOUND",
      );
    const refused = this.refusal(actor, project, "write");
    if (refused) throw new MutationError(refused.message, undefined, refused.type);
    return project;
  }

  resolve(name: string, input: Args, actor: Actor): Node {
    switch (name) {
      case "addProjectV2ItemById": {
        const project = this.writable(input, actor);
        const issue = [...this.state.issuesById.values()].find((i) => i.node_id === input["contentId"]);
        if (!issue)
          throw new MutationError(
            `Could not resolve to a node with the global id of '${String(input["contentId"])}'`,
            undefined,
            "NOT_FOUND",
          );
        const by = actor.kind === "installation" || actor.kind === "user" ? actor.user : this.state.defaultUser;
        return { __typename: "AddProjectV2ItemByIdPayload", item: this.itemNode(project, addItem(project, issue, by)) };
      }
      case "createProjectV2Field": {
        const project = this.writable(input, actor);
        const fieldName = String(input["name"]);
        if (project.fields.some((f) => f.name.toLowerCase() === fieldName.toLowerCase()))
          throw new MutationError("Name has already been taken", undefined, "UNPROCESSABLE");
        const options = (input["singleSelectOptions"] ?? []) as Array<{
          name: string;
          color: string;
          description: string;
        }>;
        if (input["dataType"] === "SINGLE_SELECT" && options.length === 0)
          throw new MutationError("Options can't be blank for a single select field", undefined, "UNPROCESSABLE");
        const field = addField(this.state, project, { name: fieldName, dataType: String(input["dataType"]), options });
        return { __typename: "CreateProjectV2FieldPayload", projectV2Field: this.fieldNode(project, field) };
      }
      case "updateProjectV2Field": {
        const project = projectsWithField(this.state, input["fieldId"]);
        const field = project?.fields.find((f) => f.id === input["fieldId"]);
        if (!project || !field)
          throw new MutationError(
            `Could not resolve to a node with the global id of '${String(input["fieldId"])}'`,
            undefined,
            "NOT_FOUND",
          );
        this.writable({ projectId: project.id }, actor);
        const options = input["singleSelectOptions"] as
          Array<{ name: string; color: string; description: string }> | undefined;
        if (options && options.length > 0 && field.dataType === "SINGLE_SELECT") {
          // As on GitHub: the options are replaced (new ids), and every item's value of this field is lost.
          field.options = newOptions(options);
          for (const item of project.items) item.values.delete(field.id);
        }
        if (typeof input["name"] === "string") field.name = input["name"];
        return { __typename: "UpdateProjectV2FieldPayload", projectV2Field: this.fieldNode(project, field) };
      }
      default: {
        const project = this.writable(input, actor);
        const item = project.items.find((i) => i.id === input["itemId"]);
        const field = project.fields.find((f) => f.id === input["fieldId"]);
        if (!item || !field)
          throw new MutationError(
            `Could not resolve to a node with the global id of '${String(item ? input["fieldId"] : input["itemId"])}'`,
            undefined,
            "NOT_FOUND",
          );
        if (name === "clearProjectV2ItemFieldValue") {
          item.values.delete(field.id);
          return { __typename: "ClearProjectV2ItemFieldValuePayload", projectV2Item: this.itemNode(project, item) };
        }
        const value = (input["value"] ?? {}) as { text?: unknown; singleSelectOptionId?: unknown };
        if (field.dataType === "SINGLE_SELECT") {
          if (!field.options?.some((o) => o.id === value.singleSelectOptionId))
            throw new MutationError(
              "The single select option Id does not belong to the field",
              undefined,
              "UNPROCESSABLE",
            );
          item.values.set(field.id, { optionId: String(value.singleSelectOptionId) });
        } else if (field.dataType === "TEXT" && typeof value.text === "string") {
          item.values.set(field.id, { text: value.text });
        } else {
          throw new MutationError(
            `The field of type ${field.dataType} cannot be updated with this value`,
            undefined,
            "UNPROCESSABLE",
          );
        }
        return { __typename: "UpdateProjectV2ItemFieldValuePayload", projectV2Item: this.itemNode(project, item) };
      }
    }
  }
}

function projectsWithField(state: State, fieldId: unknown): ProjectRecord | undefined {
  return stores(state).find((p) => p.fields.some((f) => f.id === fieldId));
}
