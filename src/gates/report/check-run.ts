/**
 * The `tasksync / gates` check run (I/O): created `in_progress` at once, then completed with
 * one PATCH; annotations beyond GitHub's per-request maximum follow in further PATCHes (GitHub
 * appends them).
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { chunked, type Annotation } from "./annotations.js";
import { GATES_CHECK_NAME } from "../gate-model.js";
import { fitText } from "./fit-text.js";

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export type CheckConclusion = "success" | "failure" | "neutral";

/** Creates the run in progress; returns its id. `externalId` is the PR number, for re-runs. */
export async function startCheckRun(
  gh: GitHubClient,
  repo: RepoRef,
  headSha: string,
  externalId: string,
): Promise<number> {
  const { data } = await gh.request("POST /repos/{owner}/{repo}/check-runs", {
    ...repo,
    name: GATES_CHECK_NAME,
    head_sha: headSha,
    external_id: externalId,
    status: "in_progress",
    started_at: new Date().toISOString(),
    output: { title: "Checking the pull request's tasks", summary: "tasksync is evaluating the gates…" },
  });
  return Number(data.id);
}

export async function completeCheckRun(
  gh: GitHubClient,
  repo: RepoRef,
  checkRunId: number,
  conclusion: CheckConclusion,
  output: CheckOutput,
): Promise<void> {
  const [first = [], ...rest] = chunked(output.annotations ?? []);
  const base = {
    title: output.title,
    summary: fitText(output.summary),
    ...(output.text === undefined ? {} : { text: fitText(output.text) }),
  };
  await gh.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
    ...repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion,
    completed_at: new Date().toISOString(),
    output: { ...base, ...(first.length > 0 ? { annotations: first } : {}) },
  });
  for (const annotations of rest) {
    await gh.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      ...repo,
      check_run_id: checkRunId,
      output: { ...base, annotations },
    });
  }
}

/** A check that is complete from the start (a bad config). */
export async function reportCheck(
  gh: GitHubClient,
  repo: RepoRef,
  headSha: string,
  externalId: string,
  conclusion: CheckConclusion,
  output: CheckOutput,
): Promise<void> {
  await gh.request("POST /repos/{owner}/{repo}/check-runs", {
    ...repo,
    name: GATES_CHECK_NAME,
    head_sha: headSha,
    external_id: externalId,
    status: "completed",
    conclusion,
    completed_at: new Date().toISOString(),
    output: { title: output.title, summary: fitText(output.summary) },
  });
}
