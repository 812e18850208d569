/** Check runs with output and annotations (appended on update), as the Checks API keeps them. */
import { HttpError, validationFailed } from "../errors.js";
import { nodeId } from "../ids.js";
import { emitCheckRun } from "../payloads.js";
import type { AnnotationRecord, CheckRunRecord, RepoRecord, UserRecord } from "./records.js";
import type { State } from "./state.js";
import { MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_TEXT } from "./limits.js";
import { headSha } from "./pulls.js";
import { repoApi, repoHtml } from "./repos.js";
import { userJson } from "./users.js";
import { pullJsonMini } from "./pull-mini.js";

const STATUSES = new Set(["queued", "in_progress", "completed", "waiting", "requested", "pending"]);
const CONCLUSIONS = new Set([
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
  "timed_out",
]);
const LEVELS = new Set(["notice", "warning", "failure"]);

export interface CheckRunInput {
  name?: unknown;
  head_sha?: unknown;
  status?: unknown;
  conclusion?: unknown;
  started_at?: unknown;
  completed_at?: unknown;
  details_url?: unknown;
  external_id?: unknown;
  output?: unknown;
  actions?: unknown;
}

function invalid(field: string, message?: string): HttpError {
  return validationFailed(
    [{ resource: "CheckRun", code: "invalid", field, ...(message ? { message } : {}) }],
    message ? `Invalid request.\n\n${message}` : "Validation Failed",
  );
}

function parseAnnotations(raw: unknown): AnnotationRecord[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid("output.annotations");
  if (raw.length > MAX_ANNOTATIONS_PER_REQUEST) {
    throw invalid("output.annotations", `Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request.`);
  }
  return raw.map((a: Record<string, unknown>, i) => {
    for (const key of ["path", "start_line", "end_line", "annotation_level", "message"]) {
      if (a?.[key] === undefined) throw invalid(`output.annotations[${i}].${key}`, `"${key}" wasn't supplied.`);
    }
    if (!LEVELS.has(String(a["annotation_level"]))) throw invalid(`output.annotations[${i}].annotation_level`);
    return {
      path: String(a["path"]),
      start_line: Number(a["start_line"]),
      end_line: Number(a["end_line"]),
      start_column: typeof a["start_column"] === "number" ? a["start_column"] : null,
      end_column: typeof a["end_column"] === "number" ? a["end_column"] : null,
      annotation_level: a["annotation_level"] as AnnotationRecord["annotation_level"],
      message: String(a["message"]),
      title: typeof a["title"] === "string" ? a["title"] : null,
      raw_details: typeof a["raw_details"] === "string" ? a["raw_details"] : null,
      blob_href: "",
    };
  });
}

function applyInput(state: State, run: CheckRunRecord, input: CheckRunInput, creating: boolean): void {
  if (input.name !== undefined) {
    if (typeof input.name !== "string" || input.name === "") throw invalid("name");
    run.name = input.name;
  }
  if (input.status !== undefined && !STATUSES.has(String(input.status))) throw invalid("status");
  if (input.conclusion !== undefined && input.conclusion !== null && !CONCLUSIONS.has(String(input.conclusion)))
    throw invalid("conclusion");
  if (input.output !== undefined) {
    const o = input.output as Record<string, unknown>;
    if (typeof o !== "object" || o === null) throw invalid("output");
    {
      if (typeof o["title"] !== "string") throw invalid("output.title", `"title" wasn't supplied.`);
      if (typeof o["summary"] !== "string") throw invalid("output.summary", `"summary" wasn't supplied.`);
    }
    for (const key of ["summary", "text"]) {
      const v = o[key];
      if (typeof v === "string" && v.length > MAX_CHECK_TEXT) {
        throw invalid(`output.${key}`, `Output ${key} is too long: maximum is ${MAX_CHECK_TEXT} characters.`);
      }
    }
    const annotations = parseAnnotations(o["annotations"]);
    if (typeof o["title"] === "string") run.output.title = o["title"];
    if (typeof o["summary"] === "string") run.output.summary = o["summary"];
    if (typeof o["text"] === "string") run.output.text = o["text"];
    run.annotations.push(
      ...annotations.map((a) => ({ ...a, blob_href: `${repoHtml(state, run.repo)}/blob/${run.headSha}/${a.path}` })),
    );
  }
  if (typeof input.details_url === "string") run.detailsUrl = input.details_url;
  if (typeof input.external_id === "string") run.externalId = input.external_id;
  if (Array.isArray(input.actions)) run.actions = input.actions;
  const now = state.timestamp();
  if (typeof input.started_at === "string") run.startedAt = input.started_at;
  if (input.conclusion !== undefined && input.conclusion !== null) {
    run.conclusion = String(input.conclusion);
    run.status = "completed";
    run.completedAt = typeof input.completed_at === "string" ? input.completed_at : now;
  } else if (input.status !== undefined) {
    run.status = input.status as CheckRunRecord["status"];
    if (run.status === "completed" && run.conclusion === null)
      throw invalid("conclusion", `"conclusion" wasn't supplied.`);
    if (run.status !== "completed") {
      run.conclusion = null;
      run.completedAt = null;
    }
  }
}

export function createCheckRun(
  state: State,
  repo: RepoRecord,
  appSlug: string,
  sender: UserRecord,
  input: CheckRunInput,
): CheckRunRecord {
  if (typeof input.name !== "string" || input.name === "") throw invalid("name", `"name" wasn't supplied.`);
  if (typeof input.head_sha !== "string" || !repo.git.commit(input.head_sha))
    throw invalid("head_sha", "No commit found for SHA: " + String(input.head_sha));
  const id = state.nextId();
  const now = state.timestamp();
  const run: CheckRunRecord = {
    repo,
    id,
    node_id: nodeId("CR", id),
    name: input.name,
    headSha: input.head_sha,
    status: "queued",
    conclusion: null,
    startedAt: now,
    completedAt: null,
    detailsUrl: null,
    externalId: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    checkSuiteId: 7_000_000 + id,
    appSlug,
    actions: [],
  };
  applyInput(state, run, input, true);
  state.checkRuns.set(id, run);
  emitCheckRun(state, "created", run, sender);
  if (run.status === "completed") emitCheckRun(state, "completed", run, sender);
  return run;
}

export function updateCheckRun(state: State, run: CheckRunRecord, sender: UserRecord, input: CheckRunInput): void {
  const wasCompleted = run.status === "completed";
  applyInput(state, run, input, false);
  if (!wasCompleted && run.status === "completed") emitCheckRun(state, "completed", run, sender);
}

export function getCheckRun(state: State, repo: RepoRecord, id: number): CheckRunRecord {
  const run = state.checkRuns.get(id);
  if (!run || run.repo !== repo) throw new HttpError(404, "Not Found");
  return run;
}

export function checkRunsFor(state: State, repo: RepoRecord, sha: string): CheckRunRecord[] {
  return [...state.checkRuns.values()].filter((r) => r.repo === repo && r.headSha === sha).sort((a, b) => b.id - a.id);
}

export function annotationJson(a: AnnotationRecord): Record<string, unknown> {
  return { ...a };
}

export function checkRunJson(state: State, run: CheckRunRecord): Record<string, unknown> {
  const api = repoApi(state, run.repo);
  const pulls = [...run.repo.issues.values()].filter(
    (i) => i.pull && i.state === "open" && headSha(i as Parameters<typeof headSha>[0]) === run.headSha,
  );
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.node_id,
    external_id: run.externalId ?? "",
    url: `${api}/check-runs/${run.id}`,
    html_url: `${repoHtml(state, run.repo)}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${repoHtml(state, run.repo)}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.checkSuiteId },
    app: {
      id: state.app.id,
      slug: state.app.slug,
      node_id: nodeId("A", state.app.id),
      owner: userJson(state, state.botUser),
      name: state.app.name,
      description: "",
      external_url: state.webUrl,
      html_url: `${state.webUrl}/apps/${state.app.slug}`,
      created_at: run.repo.createdAt,
      updated_at: run.repo.createdAt,
      permissions: {},
      events: [],
    },
    pull_requests: pulls.map((p) => pullJsonMini(state, p)),
  };
}
