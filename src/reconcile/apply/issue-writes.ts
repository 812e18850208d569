/**
 * The writes that create issues and hang them under a parent, by REST or GraphQL. Creating is
 * not idempotent: none of these requests is retried automatically (`retries: 0`); after an answer
 * lost to a 5xx or a timeout, IssuePlacement looks for the issue before it sends again.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { statusOf } from "../../github/client.js";
import { ADD_SUB_ISSUE, CREATE_ISSUE, type CreateIssueResult } from "./issue-mutations.js";

export interface CreatedIssue {
  number: number;
  /** Database id (REST relationship bodies). */
  id: number;
  nodeId: string;
}

const NO_RETRY = { request: { retries: 0 } } as const;

/** GraphQL's "this schema has no such field/argument/type" answers, and REST's 404 for a missing endpoint. */
export function isUnknownToHost(error: unknown): boolean {
  const errors = (error as { errors?: Array<{ message?: string; type?: string; extensions?: { code?: string } }> })
    .errors;
  if (Array.isArray(errors)) {
    return errors.some(
      (e) =>
        ["undefinedField", "argumentNotAccepted", "undefinedType", "variableNotDefined"].includes(
          e.extensions?.code ?? "",
        ) || /doesn't exist on type|doesn't accept argument|isn't a defined input type/i.test(e.message ?? ""),
    );
  }
  return statusOf(error) === 404;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

export async function createIssueRest(gh: GitHubClient, repo: RepoRef, issue: NewIssue): Promise<CreatedIssue> {
  const { data } = await gh.request("POST /repos/{owner}/{repo}/issues", { ...repo, ...issue, ...NO_RETRY });
  return { number: data.number, id: Number(data.id), nodeId: data.node_id };
}

export interface NewIssueByIds {
  repositoryId: string;
  title: string;
  body: string;
  labelIds: string[];
  parentIssueId: string | null;
}

/** One request: the issue with its labels and, when given, under its parent. */
export async function createIssueGraphql(gh: GitHubClient, issue: NewIssueByIds): Promise<CreatedIssue> {
  const answer = await gh.graphql<CreateIssueResult>(CREATE_ISSUE, {
    repositoryId: issue.repositoryId,
    title: issue.title,
    body: issue.body,
    labelIds: issue.labelIds,
    parentIssueId: issue.parentIssueId,
    ...NO_RETRY,
  });
  const created = answer.createIssue?.issue;
  if (!created) throw new Error("tasksync: createIssue answered without an issue");
  return { number: created.number, id: created.databaseId, nodeId: created.id };
}

export async function addSubIssueRest(
  gh: GitHubClient,
  repo: RepoRef,
  parentNumber: number,
  childId: number,
  replaceParent: boolean,
): Promise<void> {
  await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
    ...repo,
    issue_number: parentNumber,
    sub_issue_id: childId,
    ...(replaceParent ? { replace_parent: true } : {}),
  });
}

export async function addSubIssueGraphql(
  gh: GitHubClient,
  parentNodeId: string,
  childNodeId: string,
  replaceParent: boolean,
): Promise<void> {
  await gh.graphql(ADD_SUB_ISSUE, { issueId: parentNodeId, subIssueId: childNodeId, replaceParent });
}

/** The repository's node id (createIssue takes it): one read. */
export async function repositoryNodeId(gh: GitHubClient, repo: RepoRef): Promise<string> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}", { ...repo });
  return data.node_id;
}

/** A label's node id by name: one read, for a label the observation did not carry. */
export async function labelNodeId(gh: GitHubClient, repo: RepoRef, name: string): Promise<string> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/labels/{name}", { ...repo, name });
  return data.node_id;
}

/** An issue's node id by number: one read, for an issue the plan's refs did not carry it for. */
export async function issueNodeId(gh: GitHubClient, repo: RepoRef, number: number): Promise<string> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    ...repo,
    issue_number: number,
  });
  return data.node_id;
}
