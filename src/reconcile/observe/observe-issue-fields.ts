/**
 * Observe for milestones, assignees and issue types, only what the config and the list ask for:
 * the repository's milestones (per list, since an earlier list may have made some), whether each
 * `@login` can be assigned (once per login and reconcile), the organisation's issue types (once
 * per host and owner every 10 minutes, on github.com and GHEC: GHES descriptions have no REST endpoint listing them).
 */
import type { Logger } from "pino";
import type { TasksyncConfig } from "../../config/schema.js";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import type { HostCapabilities } from "../../github/host-capabilities.js";
import { canBeAssigned, listMilestones, orgIssueTypes } from "./issue-fields-api.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { ObservedFields } from "./observed.js";

/** An organisation's issue types change rarely: read once per host and owner every 10 minutes, not per reconcile. */
const TYPES_TTL_MS = 10 * 60_000;
const typesByOwner = new Map<string, { types: string[] | null; at: number }>();

/** Forgets what was read (tests that answer the read themselves, each time). */
export function forgetIssueTypes(): void {
  typesByOwner.clear();
}

function hostOf(gh: GitHubClient): string {
  return (gh.request as { endpoint?: { DEFAULTS?: { baseUrl?: string } } }).endpoint?.DEFAULTS?.baseUrl ?? "";
}

async function cachedOrgIssueTypes(gh: GitHubClient, owner: string): Promise<string[] | null> {
  const key = `${hostOf(gh)}|${owner.toLowerCase()}`;
  const cached = typesByOwner.get(key);
  if (cached && Date.now() - cached.at < TYPES_TTL_MS) return cached.types;
  const types = await orgIssueTypes(gh, owner);
  if (typesByOwner.size >= 10_000) typesByOwner.clear();
  typesByOwner.set(key, { types, at: Date.now() });
  return types;
}

export class IssueFieldsObserver {
  private readonly assignable = new Map<string, boolean>();
  private issueTypes: string[] | null | undefined;

  constructor(
    private readonly gh: GitHubClient,
    private readonly repo: RepoRef,
    private readonly host: HostCapabilities,
    private readonly log: Logger,
    private readonly author?: string,
  ) {}

  private async types(config: TasksyncConfig): Promise<string[] | null> {
    if (config.issues.type === null && config.issues.featureType === null) return null;
    if (this.issueTypes === undefined) {
      // The REST list of an organisation's types is github.com's (GHEC too): no GHES description has it.
      this.issueTypes =
        this.host.issueTypes && this.host.kind === "github.com"
          ? await cachedOrgIssueTypes(this.gh, this.repo.owner)
          : null;
      if (this.issueTypes === null)
        this.log.info(
          { owner: this.repo.owner },
          "no issue types to use (a user-owned repository, or none on this host): issues get no type",
        );
    }
    return this.issueTypes;
  }

  async observe(doc: TaskDocument | null, config: TasksyncConfig): Promise<ObservedFields> {
    for (const task of doc?.tasks ?? []) {
      for (const login of task.assignees) {
        const key = login.toLowerCase();
        if (!this.assignable.has(key)) this.assignable.set(key, await canBeAssigned(this.gh, this.repo, login));
      }
    }
    const milestones = doc && config.milestones !== "none" ? await listMilestones(this.gh, this.repo) : null;
    return {
      milestones,
      assignable: this.assignable,
      issueTypes: await this.types(config),
      ...(this.author === undefined ? {} : { author: this.author }),
    };
  }
}

/** Whether observing found something the diagnostics comment may have to say (so observe reads it). */
export function mayWarn(doc: TaskDocument | null, fields: ObservedFields): boolean {
  if (fields.milestones !== null) return true;
  return (doc?.tasks ?? []).some((t) => t.assignees.some((l) => fields.assignable.get(l.toLowerCase()) === false));
}
