/**
 * Apply's writes for milestones and issue fields (called only from apply.ts). Creating a
 * milestone is not idempotent: after an answer lost to a 5xx or a timeout the milestones are
 * listed again and tasksync's own with that key is taken if it is there; only then is the create
 * sent again. A 422 (a milestone with that title exists, made meanwhile by someone else) is an
 * answer: the issues are left out of that milestone and the report says why.
 */
import type { Logger } from "pino";
import { messageOf, statusOf, type GitHubClient, type RepoRef } from "../../github/client.js";
import { listMilestones } from "../observe/issue-fields-api.js";
import { createMilestone, patchIssueFields, updateMilestone, type IssueFieldsPatch } from "./issue-field-writes.js";
import { isAmbiguous } from "./ambiguous-write.js";
import { ownMilestones } from "../../identity/milestone-marker.js";
import type { Operation } from "../operations.js";
import type { PacedWrites } from "./paced-writes.js";

export interface IssueFieldWritesDeps {
  gh: GitHubClient;
  repo: RepoRef;
  log: Logger;
  writes: PacedWrites;
  /** The login tasksync's milestones are created by, when known. */
  author?: string;
}

export class IssueFieldWrites {
  /** Milestone numbers by key, as created or found by this apply. */
  private readonly numbers = new Map<string, number>();

  constructor(private readonly d: IssueFieldWritesDeps) {}

  private async findOwn(key: string): Promise<number | undefined> {
    return ownMilestones(await listMilestones(this.d.gh, this.d.repo), this.d.author).get(key)?.number;
  }

  /** Creates or renames a milestone; returns why it was skipped, or null when it is in place. */
  async ensureMilestone(op: Extract<Operation, { kind: "ensure-milestone" }>): Promise<string | null> {
    const { gh, repo, log, writes } = this.d;
    if (op.number !== null) {
      try {
        await writes.idempotent(() =>
          updateMilestone(gh, repo, op.number as number, op.title, op.description, op.state),
        );
      } catch (error) {
        if (statusOf(error) !== 422) throw error;
        return `milestone "${op.title}": ${messageOf(error)}`;
      }
      this.numbers.set(op.key, op.number);
      return null;
    }
    const send = (): Promise<number> => writes.once(() => createMilestone(gh, repo, op.title, op.description));
    try {
      this.numbers.set(op.key, await send());
      return null;
    } catch (error) {
      if (statusOf(error) === 422) {
        // Someone made a milestone with this title since it was observed: the next reconcile picks another.
        const found = await this.findOwn(op.key);
        if (found !== undefined) this.numbers.set(op.key, found);
        return found !== undefined ? null : `milestone "${op.title}": ${messageOf(error)}`;
      }
      if (!isAmbiguous(error)) throw error;
      const found = await this.findOwn(op.key);
      log.warn(
        { key: op.key, status: statusOf(error) ?? null, found: found ?? null },
        "creating a milestone failed without an answer: looked for it",
      );
      this.numbers.set(op.key, found ?? (await send()));
      return null;
    }
  }

  /** Sets an issue's milestone, assignees and type in one PATCH; returns what had to be left out. */
  async setFields(op: Extract<Operation, { kind: "set-issue-fields" }>, issueNumber: number): Promise<string | null> {
    const patch: IssueFieldsPatch = {};
    let skipped: string | null = null;
    if (op.milestone) {
      const number = op.milestone.number ?? this.numbers.get(op.milestone.key);
      if (number === undefined) skipped = `no milestone ${op.milestone.key} for #${issueNumber}`;
      else patch.milestone = number;
    }
    if (op.assignees) patch.assignees = op.assignees;
    if (op.type) patch.type = op.type;
    if (Object.keys(patch).length === 0) return skipped;
    await this.d.writes.idempotent(() => patchIssueFields(this.d.gh, this.d.repo, issueNumber, patch));
    return skipped;
  }
}
