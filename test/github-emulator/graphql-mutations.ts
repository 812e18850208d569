/**
 * The GraphQL mutations tasksync sends, exactly: `createIssue` (with labelIds and parentIssueId)
 * and `addSubIssue`. Arguments a host's schema lacks (GHES before 3.17) are refused the way
 * GitHub refuses them, so the app's fallback can be tested.
 */
import { HttpError } from "./errors.js";
import { featuresOf, type HostMode } from "./host-mode.js";
import type { Actor, IssueRecord, RepoRecord } from "./store/records.js";
import type { State } from "./store/state.js";
import { createIssue } from "./store/issues.js";
import { addSubIssue } from "./store/relationships.js";

export class MutationError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly type?: string,
  ) {
    super(message);
  }
}

export interface MutationField {
  name: string;
  args: Record<string, unknown>;
}

const INPUTS: Record<string, { type: string; fields: string[]; graphqlSubIssues?: string[] }> = {
  createIssue: {
    type: "CreateIssueInput",
    fields: [
      "repositoryId",
      "title",
      "body",
      "labelIds",
      "assigneeIds",
      "milestoneId",
      "projectIds",
      "issueTemplate",
      "clientMutationId",
    ],
    graphqlSubIssues: ["parentIssueId"],
  },
  addSubIssue: {
    type: "AddSubIssueInput",
    fields: [],
    graphqlSubIssues: ["issueId", "subIssueId", "subIssueUrl", "replaceParent", "clientMutationId"],
  },
};

function findByNodeId(state: State, id: unknown): { repo?: RepoRecord; issue?: IssueRecord } {
  if (typeof id !== "string") return {};
  for (const issue of state.issuesById.values()) if (issue.node_id === id) return { issue };
  for (const repo of state.repos.values()) if (repo.node_id === id) return { repo };
  return {};
}

export class MutationResolver {
  constructor(
    private readonly state: State,
    private readonly mode: () => HostMode,
  ) {}

  private canWrite(actor: Actor, repo: RepoRecord): boolean {
    if (actor.kind === "installation")
      return actor.installation.repoIds.has(repo.id) && actor.installation.permissions["issues"] === "write";
    return actor.kind === "user";
  }

  /** Checks the field and its input against the host's schema, as GitHub's validation would. */
  private check(field: MutationField): Record<string, unknown> {
    const spec = INPUTS[field.name];
    const sub = featuresOf(this.mode()).graphqlSubIssues;
    if (!spec || (field.name === "addSubIssue" && !sub))
      throw new MutationError(`Field '${field.name}' doesn't exist on type 'Mutation'`, "undefinedField");
    const input = (field.args["input"] ?? {}) as Record<string, unknown>;
    const allowed = [...spec.fields, ...(sub ? (spec.graphqlSubIssues ?? []) : [])];
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key))
        throw new MutationError(`InputObject '${spec.type}' doesn't accept argument '${key}'`, "argumentNotAccepted");
    }
    return input;
  }

  resolve(field: MutationField, actor: Actor): Record<string, unknown> {
    const input = this.check(field);
    if (field.name === "createIssue") return this.createIssue(input, actor);
    return this.addSubIssue(input, actor);
  }

  private createIssue(input: Record<string, unknown>, actor: Actor): Record<string, unknown> {
    const { repo } = findByNodeId(this.state, input["repositoryId"]);
    if (!repo || !this.canWrite(actor, repo))
      throw new MutationError(
        `Could not resolve to a node with the global id of '${String(input["repositoryId"])}'`,
        undefined,
        "NOT_FOUND",
      );
    const labelIds = Array.isArray(input["labelIds"]) ? input["labelIds"] : [];
    const names = labelIds.map((id) => {
      const label = [...repo.labels.values()].find((l) => l.node_id === id);
      if (!label)
        throw new MutationError(
          `Could not resolve to a node with the global id of '${String(id)}'`,
          undefined,
          "NOT_FOUND",
        );
      return label.name;
    });
    let parent: IssueRecord | undefined;
    if (input["parentIssueId"] !== undefined && input["parentIssueId"] !== null) {
      parent = findByNodeId(this.state, input["parentIssueId"]).issue;
      if (!parent || parent.repo !== repo)
        throw new MutationError(
          `Could not resolve to a node with the global id of '${String(input["parentIssueId"])}'`,
          undefined,
          "NOT_FOUND",
        );
    }
    const sender = actor.kind === "installation" || actor.kind === "user" ? actor.user : this.state.defaultUser;
    const issue = createIssue(this.state, repo, sender, { title: input["title"], body: input["body"], labels: names });
    if (parent) addSubIssue(this.state, parent, { sub_issue_id: issue.id });
    return { __typename: "CreateIssuePayload", issue };
  }

  private addSubIssue(input: Record<string, unknown>, actor: Actor): Record<string, unknown> {
    const parent = findByNodeId(this.state, input["issueId"]).issue;
    const child = findByNodeId(this.state, input["subIssueId"]).issue;
    if (!parent || !child || !this.canWrite(actor, parent.repo))
      throw new MutationError("Could not resolve to a node", undefined, "NOT_FOUND");
    try {
      addSubIssue(this.state, parent, { sub_issue_id: child.id, replace_parent: input["replaceParent"] === true });
    } catch (e) {
      if (e instanceof HttpError) throw new MutationError(e.message, undefined, "UNPROCESSABLE");
      throw e;
    }
    return { __typename: "AddSubIssuePayload", issue: parent, subIssue: child };
  }
}
