/**
 * Reads a GitHub Project (v2) for the project sync: the project and its fields (paginated), and
 * tasksync's issues with their items in it (50 issues a request, by node id), with whether an
 * open pull request will close each one. Reads only; a project GitHub will not show is an
 * answer (`ProjectAccess`), not an exception, so the rest of the sync goes on.
 */
import type { GitHubClient } from "../../github/client.js";
import { ISSUE_PROJECT_ITEMS, PROJECT_FIELDS } from "./project-documents.js";

export interface ProjectOption {
  id: string;
  name: string;
  color: string;
  description: string;
}

export interface ProjectField {
  id: string;
  name: string;
  /** TEXT, SINGLE_SELECT, NUMBER, … or a built-in kind (TITLE, LABELS, …). */
  dataType: string;
  /** A single-select field's options. */
  options?: ProjectOption[];
}

export interface ObservedProject {
  id: string;
  title: string;
  url: string;
  /** Items in the project, tasksync's or anyone's. */
  itemCount: number;
  fields: ProjectField[];
}

export type ProjectAccess =
  | { ok: true; project: ObservedProject }
  /** `ownerType`: "User", "Organization", or null when GitHub knows no such account. */
  | { ok: false; ownerType: string | null; message: string };

/** One issue as the project sync sees it. */
export interface IssueProjectState {
  nodeId: string;
  state: "open" | "closed";
  /** Open pull requests whose closing keywords name this issue. */
  openPullRequests: number;
  /** Its item in the project (null: not in it yet), with each field's value: text, or the option id. */
  item: { id: string; values: Map<string, string> } | null;
}

/** How many issues one items query asks for (each brings up to 20 items of 50 values). */
export const ISSUES_PER_QUERY = 50;

export function parseProjectRef(ref: string): { login: string; number: number } {
  const [login = "", number = ""] = ref.split("/");
  return { login, number: Number(number) };
}

interface FieldNode {
  id?: string;
  name?: string;
  dataType?: string;
  options?: ProjectOption[];
}

interface ProjectAnswer {
  repositoryOwner: {
    __typename: string;
    projectV2?: {
      id: string;
      title: string;
      url: string;
      items: { totalCount: number };
      fields: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<FieldNode | null> };
    } | null;
  } | null;
}

export function fieldOf(node: FieldNode | null): ProjectField | null {
  if (!node?.id || node.name === undefined || node.dataType === undefined) return null;
  return { id: node.id, name: node.name, dataType: node.dataType, ...(node.options ? { options: node.options } : {}) };
}

/** A GraphQL answer with errors (Octokit's GraphqlResponseError: HTTP 200, `errors` in the body), or null for anything else. */
export function graphqlErrorOf(error: unknown): { data: unknown; message: string; types: string[] } | null {
  if (typeof error !== "object" || error === null || (error as { name?: unknown }).name !== "GraphqlResponseError")
    return null;
  const { data, errors } = error as { data?: unknown; errors?: Array<{ message?: string; type?: string }> };
  const list = errors ?? [];
  const message =
    list
      .map((e) => e.message ?? "")
      .filter(Boolean)
      .join("; ") || String((error as { message?: unknown }).message);
  return { data, message, types: list.flatMap((e) => (e.type ? [e.type] : [])) };
}

/** GraphQL refusals (not found, forbidden) as data; anything else (5xx, network) is thrown. */
async function ask<T>(
  gh: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data: T | undefined; refusal: string | null }> {
  try {
    return { data: await gh.graphql<T>(query, variables), refusal: null };
  } catch (error) {
    const answer = graphqlErrorOf(error);
    if (!answer) throw error;
    return { data: answer.data as T | undefined, refusal: answer.message };
  }
}

export async function readProject(gh: GitHubClient, ref: string): Promise<ProjectAccess> {
  const { login, number } = parseProjectRef(ref);
  const fields: ProjectField[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: { data: ProjectAnswer | undefined; refusal: string | null } = await ask<ProjectAnswer>(
      gh,
      PROJECT_FIELDS,
      { login, number, after },
    );
    const { data, refusal } = answer;
    const owner = data?.repositoryOwner ?? null;
    const project = owner?.projectV2;
    if (!project) return { ok: false, ownerType: owner?.__typename ?? null, message: refusal ?? `no project ${ref}` };
    fields.push(...project.fields.nodes.flatMap((n) => fieldOf(n) ?? []));
    if (!project.fields.pageInfo.hasNextPage || project.fields.pageInfo.endCursor === null) {
      return {
        ok: true,
        project: {
          id: project.id,
          title: project.title,
          url: project.url,
          itemCount: project.items.totalCount,
          fields,
        },
      };
    }
    after = project.fields.pageInfo.endCursor;
  }
}

interface ItemsAnswer {
  nodes: Array<{
    id?: string;
    state?: string;
    closedByPullRequestsReferences?: { totalCount: number } | null;
    projectItems?: {
      nodes: Array<{
        id: string;
        project: { id: string };
        fieldValues: {
          nodes: Array<{ text?: string | null; optionId?: string | null; field?: { id?: string } } | null>;
        };
      } | null>;
    };
  } | null>;
}

/** The issues (by node id) with their item in `projectId`; issues GitHub does not return are left out. */
export async function readIssueItems(
  gh: GitHubClient,
  projectId: string,
  nodeIds: string[],
): Promise<Map<string, IssueProjectState>> {
  const out = new Map<string, IssueProjectState>();
  for (let start = 0; start < nodeIds.length; start += ISSUES_PER_QUERY) {
    const ids = nodeIds.slice(start, start + ISSUES_PER_QUERY);
    const answer = await gh.graphql<ItemsAnswer>(ISSUE_PROJECT_ITEMS, { ids });
    for (const node of answer.nodes) {
      if (!node?.id) continue;
      const item = node.projectItems?.nodes.find((i) => i?.project.id === projectId) ?? null;
      const values = new Map<string, string>();
      for (const v of item?.fieldValues.nodes ?? []) {
        const value = v?.text ?? v?.optionId;
        if (v?.field?.id && typeof value === "string") values.set(v.field.id, value);
      }
      out.set(node.id, {
        nodeId: node.id,
        state: node.state === "CLOSED" ? "closed" : "open",
        openPullRequests: node.closedByPullRequestsReferences?.totalCount ?? 0,
        item: item ? { id: item.id, values } : null,
      });
    }
  }
  return out;
}
