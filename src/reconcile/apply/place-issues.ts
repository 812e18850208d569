/**
 * Where new issues go, by the means the host offers: a new issue under its parent in one GraphQL
 * `createIssue` (with its labels), else a REST create; a sub-issue link by REST (github.com) or
 * GraphQL (GHES). A host answering "unknown" where its table said yes loses that capability, once.
 */
import type { Logger } from "pino";
import { messageOf, statusOf, type GitHubClient, type RepoRef } from "../../github/client.js";
import { dropCapability, type HostCapabilities } from "../../github/host-capabilities.js";
import {
  addSubIssueGraphql,
  addSubIssueRest,
  createIssueGraphql,
  createIssueRest,
  isUnknownToHost,
  issueNodeId,
  labelNodeId,
  repositoryNodeId,
  type CreatedIssue,
  type NewIssue,
} from "./issue-writes.js";
import { findCreatedIssue, isAmbiguous } from "./ambiguous-write.js";
import type { PacedWrites } from "./paced-writes.js";
import type { IssueRef } from "../plan/plan-list.js";
import type { IssueTrust } from "../../identity/trust.js";

/** GitHub's "it is already so" answers (a label that exists, a link already made). */
export function isAlreadyThere(error: unknown): boolean {
  const message = messageOf(error).toLowerCase();
  const errors =
    (error as { response?: { data?: { errors?: Array<{ code?: string; message?: string }> } } }).response?.data
      ?.errors ?? [];
  return (
    message.includes("already") ||
    errors.some((e) => e.code === "already_exists" || (e.message ?? "").toLowerCase().includes("already"))
  );
}

export interface PlacementDeps {
  gh: GitHubClient;
  repo: RepoRef;
  log: Logger;
  host: HostCapabilities;
  /** Issues by key (apply adds the ones it creates). */
  refs: Map<string, IssueRef>;
  /** Label node ids by lower-cased name (apply adds the labels it creates). */
  labelIds: Map<string, string>;
  writes: PacedWrites;
  /** Which issues are tasksync's: to find, after a create that failed without an answer, the issue it opened after all. */
  trust?: IssueTrust;
  /** When the reconcile began (ms since the epoch): issues it may have opened are newer. */
  startedAt: number;
}

export class IssuePlacement {
  private repositoryId: string | undefined;

  constructor(private readonly d: PlacementDeps) {}

  private ref(key: string): IssueRef {
    const found = this.d.refs.get(key);
    if (!found) throw new Error(`tasksync: no issue for ${key} (an earlier operation should have created it)`);
    return found;
  }

  private async nodeIdOf(key: string): Promise<string> {
    const found = this.ref(key);
    found.nodeId ??= await issueNodeId(this.d.gh, this.d.repo, found.number);
    return found.nodeId;
  }

  private async labelIdsOf(names: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const name of names) {
      let id = this.d.labelIds.get(name.toLowerCase());
      if (id === undefined) {
        id = await labelNodeId(this.d.gh, this.d.repo, name);
        this.d.labelIds.set(name.toLowerCase(), id);
      }
      ids.push(id);
    }
    return ids;
  }

  /**
   * Sends one create (REST or GraphQL: neither is idempotent). When it fails without an answer
   * (5xx, timeout, dropped connection) GitHub may have opened the issue: the issues tasksync
   * opened for `key` since the reconcile began are looked at, and only if there is none is the
   * create sent again. A schema refusal is an answer (nothing was created), never ambiguous.
   */
  private async createOnce(
    key: string,
    send: () => Promise<CreatedIssue>,
  ): Promise<{ made: CreatedIssue; found: boolean }> {
    const { gh, repo, log, writes, trust } = this.d;
    try {
      return { made: await writes.once(send), found: false };
    } catch (error) {
      if (isUnknownToHost(error) || !isAmbiguous(error) || !trust) throw error;
      const found = await findCreatedIssue(gh, repo, key, trust, this.d.startedAt);
      log.warn(
        { key, status: statusOf(error) ?? null, found: found?.number ?? null },
        "creating an issue failed without an answer: looked for it",
      );
      if (found) return { made: { number: found.number, id: found.id, nodeId: found.nodeId }, found: true };
      return { made: await writes.once(send), found: false };
    }
  }

  /** Creates the issue, under `parentKey` in the same request when the host can; says whether it was linked. */
  async create(
    key: string,
    issue: NewIssue,
    parentKey: string | undefined,
  ): Promise<{ made: CreatedIssue; linked: boolean }> {
    const { gh, repo, host, log, writes } = this.d;
    if (parentKey !== undefined && this.d.refs.has(parentKey) && host.graphqlSubIssues) {
      this.repositoryId ??= await repositoryNodeId(gh, repo);
      const input = {
        repositoryId: this.repositoryId,
        title: issue.title,
        body: issue.body,
        labelIds: await this.labelIdsOf(issue.labels),
        parentIssueId: await this.nodeIdOf(parentKey),
      };
      try {
        const { made, found } = await this.createOnce(key, () => createIssueGraphql(gh, input));
        // One found after a lost answer is linked by the plan's own add-sub-issue (422 "already" is success).
        return { made, linked: !found };
      } catch (error) {
        // The schema refused the document: nothing was created, so REST may create it.
        if (!isUnknownToHost(error)) throw error;
        dropCapability(host, "graphqlSubIssues", log, messageOf(error));
      }
    }
    return { made: (await this.createOnce(key, () => createIssueRest(gh, repo, issue))).made, linked: false };
  }

  /** Makes `key` a sub-issue of `parentKey`: "linked", "already" when it was, "none" when the host has no sub-issues. */
  async link(key: string, parentKey: string, replaceParent: boolean): Promise<"linked" | "already" | "none"> {
    const { gh, repo, host, log, writes } = this.d;
    if (host.restSubIssues) {
      try {
        await writes.idempotent(() =>
          addSubIssueRest(gh, repo, this.ref(parentKey).number, this.ref(key).id, replaceParent),
        );
        return "linked";
      } catch (error) {
        if (!(statusOf(error) === 404 && host.kind === "ghes")) throw error;
        dropCapability(host, "restSubIssues", log, messageOf(error));
      }
    }
    if (host.graphqlSubIssues) {
      const parent = await this.nodeIdOf(parentKey);
      const child = await this.nodeIdOf(key);
      try {
        await writes.idempotent(() => addSubIssueGraphql(gh, parent, child, replaceParent));
        return "linked";
      } catch (error) {
        if (isAlreadyThere(error)) return "already";
        if (!isUnknownToHost(error)) throw error;
        dropCapability(host, "graphqlSubIssues", log, messageOf(error));
      }
    }
    return "none";
  }
}
