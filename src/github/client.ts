/**
 * The GitHub client type tasksync's code takes: Probot's context.octokit and the CLI's
 * @octokit/rest client both fit. Everything goes through `request`/`graphql`, so the same
 * code runs against GitHub, GitHub Enterprise Server and the local emulator.
 */
import type { Octokit } from "@octokit/core";

export type GitHubClient = Pick<Octokit, "request" | "graphql">;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

/** The `message` of GitHub's error body, or the error's own message. */
export function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const response = (error as { response?: { data?: { message?: unknown } } }).response;
    if (typeof response?.data?.message === "string") return response.data.message;
    if (error instanceof Error) return error.message;
  }
  return String(error);
}
