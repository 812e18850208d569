/**
 * A deliberately tiny GraphQL handler: parses one operation (fields, aliases, arguments,
 * variables; no fragments) and resolves it against plain objects. Add a field by adding a key
 * (a value, or a function of its arguments) to the node builders below.
 */
import type { Actor, IssueRecord, RepoRecord } from "./store/records.js";
import type { State } from "./store/state.js";
import { issueApi } from "./store/issues.js";
import { headSha } from "./store/pulls.js";
import { fullName, repoHtml } from "./store/repos.js";
import { MutationError, MutationResolver } from "./graphql-mutations.js";
import { ProjectsGraph } from "./graphql-projects.js";
import { typeMatches } from "./graphql-types.js";

// ---------- parsing ----------
interface Field {
  alias: string;
  /** "..." for an inline fragment (`... on Type { }`), whose type is `on`. */
  name: string;
  on?: string;
  args: Record<string, unknown>;
  selections: Field[] | undefined;
}

class GraphQLSyntaxError extends Error {}

function tokenize(src: string): string[] {
  const re = /\s+|,|#[^\n]*|("(?:[^"\\]|\\.)*")|(\.\.\.|[{}()[\]:!$=@])|(-?\d+(?:\.\d+)?)|([_A-Za-z][_0-9A-Za-z]*)/gy;
  const tokens: string[] = [];
  let m: RegExpExecArray | null;
  let last = 0;
  while (last < src.length && (m = re.exec(src)) !== null) {
    last = re.lastIndex;
    const tok = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (tok !== undefined) tokens.push(tok);
  }
  if (last < src.length) throw new GraphQLSyntaxError(`Parse error on "${src.slice(last, last + 10)}"`);
  return tokens;
}

function parse(src: string, variables: Record<string, unknown>): { operation: "query" | "mutation"; fields: Field[] } {
  const t = tokenize(src);
  let i = 0;
  const peek = (): string | undefined => t[i];
  const next = (): string => {
    const tok = t[i++];
    if (tok === undefined) throw new GraphQLSyntaxError("Unexpected end of document");
    return tok;
  };
  const expect = (tok: string): void => {
    const got = next();
    if (got !== tok) throw new GraphQLSyntaxError(`Expected "${tok}", got "${got}"`);
  };
  const value = (): unknown => {
    const tok = next();
    if (tok === "$") return variables[next()];
    if (tok.startsWith('"')) return JSON.parse(tok) as string;
    if (/^-?\d/.test(tok)) return Number(tok);
    if (tok === "true" || tok === "false") return tok === "true";
    if (tok === "null") return null;
    if (tok === "[") {
      const list: unknown[] = [];
      while (peek() !== "]") list.push(value());
      next();
      return list;
    }
    if (tok === "{") {
      const o: Record<string, unknown> = {};
      while (peek() !== "}") {
        const k = next();
        expect(":");
        o[k] = value();
      }
      next();
      return o;
    }
    return tok; // enum value
  };
  const selectionSet = (): Field[] => {
    expect("{");
    const fields: Field[] = [];
    while (peek() !== "}") {
      if (peek() === "...") {
        next();
        if (next() !== "on")
          throw new GraphQLSyntaxError("Named fragments are not supported by the emulator's GraphQL handler");
        const on = next();
        fields.push({ alias: "...", name: "...", on, args: {}, selections: selectionSet() });
        continue;
      }
      let name = next();
      let alias = name;
      if (peek() === ":") {
        next();
        name = next();
      }
      const args: Record<string, unknown> = {};
      if (peek() === "(") {
        next();
        while (peek() !== ")") {
          const k = next();
          expect(":");
          args[k] = value();
        }
        next();
      }
      while (peek() === "@")
        throw new GraphQLSyntaxError("Directives are not supported by the emulator's GraphQL handler");
      fields.push({ alias, name, args, selections: peek() === "{" ? selectionSet() : undefined });
    }
    next();
    return fields;
  };
  let operation: "query" | "mutation" = "query";
  if (peek() === "query" || peek() === "mutation") {
    operation = next() as "query" | "mutation";
    if (peek() !== "(" && peek() !== "{") next(); // operation name
    if (peek() === "(") {
      let depth = 0;
      do {
        const tok = next();
        if (tok === "(") depth++;
        if (tok === ")") depth--;
      } while (depth > 0);
    }
  }
  const fields = selectionSet();
  return { operation, fields };
}

// ---------- resolving ----------
type Resolver = Record<string, unknown> & { __typename: string };

export interface GraphQLError {
  message: string;
  type?: string;
  path?: string[];
  locations?: { line: number; column: number }[];
}

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/gi;

function connection(items: Resolver[], args: Record<string, unknown>): Resolver {
  const first = typeof args["first"] === "number" ? args["first"] : items.length;
  const nodes = items.slice(0, Math.min(first, 100));
  return {
    __typename: "Connection",
    totalCount: items.length,
    nodes,
    edges: nodes.map((n, i) => ({
      __typename: "Edge",
      cursor: Buffer.from(`cursor:${i + 1}`).toString("base64"),
      node: n,
    })),
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage: nodes.length < items.length,
      hasPreviousPage: false,
      endCursor: nodes.length ? Buffer.from(`cursor:${nodes.length}`).toString("base64") : null,
      startCursor: null,
    },
  };
}

export class GraphQLHandler {
  private readonly mutations: MutationResolver;
  private readonly projects: ProjectsGraph;
  /** Who sent the request being answered (what an issue's project items show depends on it). */
  private actor: Actor = { kind: "anonymous" };

  constructor(private readonly state: State) {
    this.mutations = new MutationResolver(state, () => state.hostMode);
    this.projects = new ProjectsGraph(
      state,
      (pr) => this.closingIssues(pr),
      (issue) => this.issueNode(issue),
    );
  }

  /** Runs a mutation document's fields; validation refusals answer without data, as GitHub does. */
  private mutate(fields: Field[], actor: Actor): { result: Record<string, unknown>; ok: boolean } {
    const data: Record<string, unknown> = {};
    const errors: Array<Record<string, unknown>> = [];
    for (const f of fields) {
      try {
        const payload = this.projects.handles(f.name)
          ? this.projects.resolve(f.name, (f.args["input"] ?? {}) as Record<string, unknown>, actor)
          : this.mutations.resolve({ name: f.name, args: f.args }, actor);
        const node: Resolver = { __typename: String(payload["__typename"]) };
        for (const [k, v] of Object.entries(payload)) {
          node[k] = v && typeof v === "object" && "node_id" in v && "repo" in v ? this.issueNode(v as IssueRecord) : v;
        }
        data[f.alias] = this.value(node, f, [f.alias], []);
      } catch (e) {
        if (!(e instanceof MutationError)) throw e;
        if (e.code !== undefined) {
          // schema validation: nothing ran
          return {
            result: {
              errors: [
                { path: ["mutation", f.name], extensions: { code: e.code, typeName: "Mutation" }, message: e.message },
              ],
            },
            ok: this.state.hostMode.kind !== "github.com",
          };
        }
        data[f.alias] = null;
        errors.push({ type: e.type, path: [f.alias], message: e.message });
      }
    }
    return { result: errors.length ? { data, errors } : { data }, ok: errors.length === 0 };
  }

  private canSee(actor: Actor, repo: RepoRecord): boolean {
    if (actor.kind === "installation") return actor.installation.repoIds.has(repo.id);
    if (actor.kind === "anonymous") return !repo.private;
    return actor.kind === "user";
  }

  private issueNode(issue: IssueRecord): Resolver {
    return {
      __typename: issue.pull ? "PullRequest" : "Issue",
      id: issue.node_id,
      databaseId: issue.id,
      number: issue.number,
      title: issue.title,
      body: issue.body ?? "",
      state: issue.state.toUpperCase(),
      stateReason: issue.stateReason ? issue.stateReason.toUpperCase() : null,
      closed: issue.state === "closed",
      editor: issue.editor
        ? { __typename: issue.editor.type === "Bot" ? "Bot" : "User", login: issue.editor.login }
        : null,
      lastEditedAt: issue.lastEditedAt ?? null,
      url: `${repoHtml(this.state, issue.repo)}/issues/${issue.number}`,
      resourcePath: `/${fullName(issue.repo)}/issues/${issue.number}`,
      apiUrl: issueApi(this.state, issue),
      repository: () => this.repoNode(issue.repo),
      ...(issue.pull ? {} : this.projects.issueFields(issue, this.actor)),
    };
  }

  private closingIssues(pr: IssueRecord): IssueRecord[] {
    if (!pr.pull || pr.pull.baseRef !== pr.repo.defaultBranch) return [];
    const out: IssueRecord[] = [];
    for (const m of (pr.body ?? "").matchAll(CLOSING)) {
      const repo = m[1] && m[2] ? this.state.repo(m[1], m[2]) : pr.repo;
      const issue = repo?.issues.get(Number(m[3]));
      if (issue && !issue.pull && !out.includes(issue)) out.push(issue);
    }
    return out;
  }

  private pullNode(pr: IssueRecord): Resolver {
    const pull = pr.pull!;
    return {
      ...this.issueNode(pr),
      __typename: "PullRequest",
      databaseId: pull.id,
      state: pull.mergedAt ? "MERGED" : pr.state.toUpperCase(),
      url: `${repoHtml(this.state, pr.repo)}/pull/${pr.number}`,
      isDraft: pull.draft,
      baseRefName: pull.baseRef,
      headRefName: pull.headRef,
      headRefOid: headSha(pr as Parameters<typeof headSha>[0]),
      closingIssuesReferences: (args: Record<string, unknown>) =>
        connection(
          this.closingIssues(pr).map((i) => this.issueNode(i)),
          args,
        ),
    };
  }

  private repoNode(repo: RepoRecord): Resolver {
    return {
      __typename: "Repository",
      id: repo.node_id,
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: fullName(repo),
      url: repoHtml(this.state, repo),
      isPrivate: repo.private,
      defaultBranchRef: { __typename: "Ref", name: repo.defaultBranch },
      owner: {
        __typename: repo.owner.type === "Organization" ? "Organization" : "User",
        login: repo.owner.login,
        id: repo.owner.node_id,
      },
      pullRequest: (args: Record<string, unknown>) => {
        const i = repo.issues.get(Number(args["number"]));
        return i?.pull ? this.pullNode(i) : null;
      },
      issue: (args: Record<string, unknown>) => {
        const i = repo.issues.get(Number(args["number"]));
        return i && !i.pull ? this.issueNode(i) : null;
      },
    };
  }

  private root(actor: Actor, errors: GraphQLError[]): Resolver {
    return {
      __typename: "Query",
      repository: (args: Record<string, unknown>) => {
        const repo = this.state.repo(String(args["owner"]), String(args["name"]));
        if (!repo || !this.canSee(actor, repo)) {
          errors.push({
            type: "NOT_FOUND",
            path: ["repository"],
            message: `Could not resolve to a Repository with the name '${String(args["owner"])}/${String(args["name"])}'.`,
          });
          return null;
        }
        return this.repoNode(repo);
      },
      ...Object.fromEntries(
        (["repositoryOwner", "organization", "user"] as const).map((name) => [
          name,
          (args: Record<string, unknown>) => {
            const owner = this.state.users.get(String(args["login"]).toLowerCase());
            const type = name === "organization" ? "Organization" : name === "user" ? "User" : null;
            if (!owner || (type !== null && owner.type !== type) || owner.type === "Bot") {
              if (type)
                errors.push({
                  type: "NOT_FOUND",
                  path: [name],
                  message: `Could not resolve to a${type === "Organization" ? "n" : ""} ${type} with the login of '${String(args["login"])}'.`,
                });
              return null;
            }
            return this.projects.ownerNode(owner, actor, errors, [name]);
          },
        ]),
      ),
      nodes: (args: Record<string, unknown>) =>
        (Array.isArray(args["ids"]) ? args["ids"] : []).map((id) => {
          const issue = [...this.state.issuesById.values()].find((i) => i.node_id === id);
          return issue && this.canSee(actor, issue.repo) ? this.issueNode(issue) : null;
        }),
    };
  }

  private resolve(obj: Resolver, fields: Field[], path: string[], errors: GraphQLError[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.name === "__typename") {
        out[f.alias] = obj.__typename;
        continue;
      }
      if (f.name === "...") {
        if (f.on !== undefined && typeMatches(obj.__typename, f.on))
          Object.assign(out, this.resolve(obj, f.selections ?? [], path, errors));
        continue;
      }
      if (!(f.name in obj)) {
        throw new GraphQLFieldError(`Field '${f.name}' doesn't exist on type '${obj.__typename}'`, [...path, f.alias]);
      }
      let v = obj[f.name];
      if (typeof v === "function") v = (v as (a: Record<string, unknown>) => unknown)(f.args);
      out[f.alias] = this.value(v, f, [...path, f.alias], errors);
    }
    return out;
  }

  private value(v: unknown, f: Field, path: string[], errors: GraphQLError[]): unknown {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return v.map((x, i) => this.value(x, f, [...path, String(i)], errors));
    if (typeof v === "object" && f.selections) return this.resolve(v as Resolver, f.selections, path, errors);
    if (typeof v === "object")
      throw new GraphQLFieldError(
        `Field must have selections (field '${f.name}' returns ${(v as Resolver).__typename} but has no selections.`,
        path,
      );
    return v;
  }

  /** answer one GraphQL request body */
  execute(body: unknown, actor: Actor): { result: Record<string, unknown>; mutation: boolean; ok: boolean } {
    const b = (body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof b.query !== "string")
      return {
        result: { errors: [{ message: "A query attribute must be specified and must be a string." }] },
        mutation: false,
        ok: false,
      };
    const variables = (b.variables && typeof b.variables === "object" ? b.variables : {}) as Record<string, unknown>;
    const errors: GraphQLError[] = [];
    this.actor = actor;
    try {
      const doc = parse(b.query, variables);
      if (doc.operation === "mutation") return { ...this.mutate(doc.fields, actor), mutation: true };
      const data = this.resolve(this.root(actor, errors), doc.fields, [], errors);
      return { result: errors.length ? { data, errors } : { data }, mutation: false, ok: errors.length === 0 };
    } catch (e) {
      if (e instanceof GraphQLFieldError)
        return {
          result: { errors: [{ path: e.path, message: e.message, extensions: { code: "undefinedField" } }] },
          mutation: false,
          ok: false,
        };
      if (e instanceof GraphQLSyntaxError)
        return { result: { errors: [{ message: e.message }] }, mutation: false, ok: false };
      throw e;
    }
  }
}

class GraphQLFieldError extends Error {
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
  }
}
