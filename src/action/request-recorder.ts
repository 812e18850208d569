/**
 * An Octokit plugin that watches every request the pipeline makes from the Action: counts what
 * changed, remembers the issues it created or closed, the check runs it wrote (even when GitHub
 * refused them) and the requests refused for a missing permission. It can also point the config
 * read at another path (the Action's `config` input). It changes nothing else.
 */
import type { Octokit } from "@octokit/core";
import { CONFIG_PATH } from "../config/load-config.js";
import { messageOf, statusOf } from "../github/client.js";
import { isPermissionRefusal, permissionFor, type PermissionLine } from "./permission-hint.js";
import { WRITE_KINDS, writeKinds, type RequestFacts, type WriteKind } from "./write-kinds.js";

export interface IssueTouched {
  kind: WriteKind;
  number: number;
  title: string;
  url: string;
}

export interface CheckRunWritten {
  name: string;
  status?: string;
  conclusion?: string;
  title?: string;
  summary?: string;
  /** GitHub refused it (e.g. a fork's read-only token). */
  refused: boolean;
}

export interface Refusal {
  route: string;
  message: string;
  permission: PermissionLine;
}

type Options = Record<string, unknown> & { method: string; url: string };

/** Requests whose refusal is an answer, not a missing permission (`GET /user` with the workflow's token). */
const PROBES = new Set(["GET /user"]);

export class RequestRecorder {
  readonly counts = Object.fromEntries(WRITE_KINDS.map((k) => [k, 0])) as Record<WriteKind, number>;
  readonly issues: IssueTouched[] = [];
  readonly checkRuns: CheckRunWritten[] = [];
  readonly refusals: Refusal[] = [];
  private inflight = 0;

  constructor(private readonly configPath: string = CONFIG_PATH) {}

  /** Requests sent and not yet answered. */
  pending(): number {
    return this.inflight;
  }

  /** The plugin to add to the Octokit class (`Octokit.plugin(recorder.plugin)`). */
  readonly plugin = (octokit: Octokit): void => {
    octokit.hook.wrap("request", async (request, options) => {
      const opts = options as unknown as Options;
      if (
        opts.method === "GET" &&
        opts.url === "/repos/{owner}/{repo}/contents/{path}" &&
        opts["path"] === CONFIG_PATH
      ) {
        opts["path"] = this.configPath;
      }
      const facts: RequestFacts = { method: opts.method, url: opts.url, params: opts };
      const check = this.checkRunOf(facts);
      this.inflight += 1;
      try {
        const response = await request(options);
        this.record(facts, response.data);
        return response;
      } catch (error) {
        const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
        if (
          !PROBES.has(`${opts.method} ${opts.url}`) &&
          isPermissionRefusal(statusOf(error), messageOf(error), headers)
        ) {
          if (check) check.refused = true;
          this.refusals.push({
            route: `${opts.method} ${opts.url}`,
            message: messageOf(error),
            permission: permissionFor(facts),
          });
        }
        throw error;
      } finally {
        this.inflight -= 1;
      }
    });
  };

  private checkRunOf({ method, url, params }: RequestFacts): CheckRunWritten | undefined {
    if (!/\/check-runs(\/\{check_run_id\})?$/.test(url) || (method !== "POST" && method !== "PATCH")) return undefined;
    const output = (params["output"] ?? {}) as { title?: string; summary?: string };
    const run: CheckRunWritten = {
      name: typeof params["name"] === "string" ? params["name"] : "",
      refused: false,
      ...(typeof params["status"] === "string" ? { status: params["status"] } : {}),
      ...(typeof params["conclusion"] === "string" ? { conclusion: params["conclusion"] } : {}),
      ...(output.title === undefined ? {} : { title: output.title }),
      ...(output.summary === undefined ? {} : { summary: output.summary }),
    };
    const previous = method === "PATCH" ? this.checkRuns.at(-1) : undefined;
    if (previous) {
      // A PATCH completes (or appends annotations to) the run created last.
      Object.assign(
        previous,
        Object.fromEntries(Object.entries(run).filter(([k, v]) => k !== "name" && k !== "refused" && v !== undefined)),
      );
      return previous;
    }
    this.checkRuns.push(run);
    return run;
  }

  private record(facts: RequestFacts, data: unknown): void {
    for (const kind of writeKinds(facts)) {
      this.counts[kind] += 1;
      const issue = data as
        { number?: unknown; title?: unknown; html_url?: unknown; pull_request?: unknown } | undefined;
      const isIssueRoute = /\/issues(\/\{issue_number\})?$/.test(facts.url);
      if (isIssueRoute && ["created", "closed", "reopened"].includes(kind) && typeof issue?.number === "number") {
        this.issues.push({
          kind,
          number: issue.number,
          title: String(issue.title ?? ""),
          url: String(issue.html_url ?? ""),
        });
      }
      // GraphQL createIssue (a new issue under its parent) answers with the issue's number, title and url.
      const made = (
        data as
          { data?: { createIssue?: { issue?: { number?: unknown; title?: unknown; url?: unknown } } } } | undefined
      )?.data?.createIssue?.issue;
      if (kind === "created" && typeof made?.number === "number") {
        this.issues.push({ kind, number: made.number, title: String(made.title ?? ""), url: String(made.url ?? "") });
      }
    }
  }
}
