/**
 * What `tasksync plan`, `sync` and `unlink` need to reach GitHub: the repository, a token and
 * the API address, from flags or the environment GitHub Actions sets (GITHUB_REPOSITORY,
 * GITHUB_TOKEN, GITHUB_API_URL).
 */
import { Octokit } from "@octokit/rest";
import pino, { type Logger } from "pino";
import { guardedClient } from "../github/guarded-client.js";
import type { GitHubClient } from "../github/client.js";

export interface GitHubTarget {
  owner: string;
  repo: string;
  gh: GitHubClient;
  log: Logger;
  apiUrl: string;
}

/** Reads `--name value` / `--name=value` options; returns the rest. */
export function takeOption(args: string[], name: string): { value: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === name) {
      value = args[i + 1];
      i += 1;
    } else if (arg.startsWith(`${name}=`)) {
      value = arg.slice(name.length + 1);
    } else {
      rest.push(arg);
    }
  }
  return { value, rest };
}

/** The log level the CLI's commands use (LOG_LEVEL, default warn). */
export const cliLogLevel = (env: NodeJS.ProcessEnv): string => env.LOG_LEVEL ?? "warn";

export function connect(
  repoArg: string | undefined,
  apiUrlArg: string | undefined,
  env: NodeJS.ProcessEnv,
  logger?: Logger,
): GitHubTarget | string {
  const full = repoArg ?? env.GITHUB_REPOSITORY;
  if (!full || !/^[^/\s]+\/[^/\s]+$/.test(full)) return "needs --repo owner/name (or GITHUB_REPOSITORY)";
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token) return "needs a token in GITHUB_TOKEN (or GH_TOKEN) with issues: write and contents: read";
  const [owner = "", repo = ""] = full.split("/");
  const log = logger ?? pino({ level: cliLogLevel(env) }, pino.destination(2));
  const apiUrl = apiUrlArg ?? env.GITHUB_API_URL ?? "https://api.github.com";
  const octokit = new Octokit({
    auth: token,
    baseUrl: apiUrl,
    userAgent: "tasksync-cli",
    // Octokit logs every failed request as an error, the 404 of an optional file (the config)
    // included. A failure that matters reaches the command as an error and is printed there.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.debug(m) },
  });
  return { owner, repo, gh: guardedClient(octokit, log), log, apiUrl };
}
