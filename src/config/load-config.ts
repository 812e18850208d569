/**
 * Loads `.github/tasksync.yml` with Probot's config loader (which also follows `_extends` and
 * the organisation's `.github` repository), then validates it against the one schema.
 */
import { composeConfigGet } from "@probot/octokit-plugin-config";
import type { Octokit } from "@octokit/core";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { messageOf, statusOf } from "../github/client.js";
import { validateConfig, type ConfigResult } from "./validate-config.js";

export const CONFIG_PATH = ".github/tasksync.yml";

export async function loadConfig(gh: GitHubClient, repo: RepoRef, branch?: string): Promise<ConfigResult> {
  let raw: unknown;
  try {
    const result = await composeConfigGet(gh as Octokit, {
      ...repo,
      path: CONFIG_PATH,
      ...(branch === undefined ? {} : { branch }),
    });
    raw = result.config;
  } catch (error) {
    // A GitHub answer (5xx, 403 ...) is not a bad config: let the job fail loudly and run again.
    if (statusOf(error) !== undefined) throw error;
    return { ok: false, errors: [`${CONFIG_PATH} is not valid YAML: ${messageOf(error)}`] };
  }
  const result = validateConfig(raw);
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((e) => `${CONFIG_PATH}: ${e}`) };
}
