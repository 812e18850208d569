/**
 * `tasksync plan --repo owner/name [FILE...]`: what a sync would change, as a dry run.
 * `tasksync sync --repo owner/name [FILE...]`: the same reconcile, applied, with a progress bar
 * (a line every few seconds when not on a terminal) and a summary of what was applied.
 */
import { budgetWindowsFromEnv, MemoryContentBudget } from "../github/pacing-budget.js";
import { loadConfig } from "../config/load-config.js";
import { matchesAny } from "../config/path-match.js";
import { describeOperation } from "../reconcile/operations.js";
import type { ReconcileResult } from "../reconcile/reconcile-repository.js";
import { syncRepository } from "../reconcile/sync-repository.js";
import { splitArgs, usageError, type CliCommand, type CliIo } from "./command.js";
import { cliLogLevel, connect, takeOption } from "./github-options.js";
import { syncProgress } from "./sync-progress.js";

const OPTIONS = `Options:
  --repo owner/name   the repository (default: $GITHUB_REPOSITORY)
  --api-url URL       the REST API address (default: $GITHUB_API_URL or https://api.github.com)

Needs GITHUB_TOKEN (or GH_TOKEN). FILE... limits the run to those task lists (paths in the
repository, matching the config's \`paths\`); without them every task list is considered.
Environment: TASKSYNC_WRITE_PAUSE_MS (pause between writes, default 1000), TASKSYNC_CONTENT_PER_MINUTE
and TASKSYNC_CONTENT_PER_HOUR (content-creation budget, default 80 and 500), LOG_LEVEL.
`;

/** "T002, T007 held back" for a plan whose errors hold tasks back. */
const heldNote = (held: readonly string[]): string =>
  `${held.slice(0, 10).join(", ")}${held.length > 10 ? ` and ${held.length - 10} more` : ""} held back`;

function printPlan(result: ReconcileResult, io: CliIo): void {
  for (const plan of result.plans) {
    const errors = plan.blockedByErrors
      ? " (has errors: diagnostics only)"
      : plan.held?.length
        ? ` (has errors: ${heldNote(plan.held)})`
        : "";
    io.stdout(
      `${plan.path}: ${plan.operations.length === 0 ? "in sync" : `${plan.operations.length} operation(s)`}${errors}\n`,
    );
    for (const op of plan.operations) io.stdout(`  would ${describeOperation(op)}  — ${op.reason}\n`);
  }
  io.stdout(
    `dry run: ${result.plans.reduce((n, p) => n + p.operations.length, 0)} operation(s) planned, ${result.reads} read(s), no writes\n`,
  );
}

function printApplied(result: ReconcileResult, io: CliIo): void {
  for (const plan of result.plans) {
    const n = plan.operations.length;
    const errors = plan.blockedByErrors
      ? " — the list has errors: only its diagnostics were posted (see the tracking issue)"
      : plan.held?.length
        ? ` — the list has errors: ${heldNote(plan.held)} (see the tracking issue)`
        : "";
    io.stdout(`${plan.path}: ${n === 0 ? "in sync" : `${n} change(s) applied`}${errors}\n`);
  }
  const r = result.report;
  for (const skipped of r.skipped) io.stdout(`  not done: ${skipped.op} (${skipped.why})\n`);
  io.stdout(
    `synced: ${r.created} created, ${r.updated} updated, ${r.closed} closed, ${r.reopened} reopened, ${r.linked} linked, ${r.unlinked} unlinked, ${r.commented} comments, ${r.labels} labels; ${result.reads} reads, ${result.writes} writes\n`,
  );
}

async function run(
  command: CliCommand,
  args: string[],
  io: CliIo,
  dryRun: boolean,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const repoOpt = takeOption(args, "--repo");
  const apiOpt = takeOption(repoOpt.rest, "--api-url");
  const { flags, positionals } = splitArgs(apiOpt.rest);
  if (flags.size > 0) return usageError(command, `unknown option ${[...flags][0]}`, io);
  const progress = dryRun
    ? undefined
    : syncProgress(io.progress ?? { isTTY: false, write: () => {} }, cliLogLevel(env), undefined, io.stderr);
  const target = connect(repoOpt.value, apiOpt.value, env, progress?.log);
  if (typeof target === "string") return usageError(command, target, io);
  const { gh, owner, repo, log } = target;
  const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
  const branch = await gh.request("GET /repos/{owner}/{repo}/branches/{branch}", {
    owner,
    repo,
    branch: data.default_branch,
  });
  const loaded = await loadConfig(gh, { owner, repo });
  if (!loaded.ok) {
    io.stderr(
      `tasksync ${command.name}: the configuration is not valid:\n${loaded.errors.map((e) => `  ${e}\n`).join("")}`,
    );
    return 1;
  }
  const only = positionals.map((p) => p.replace(/^\.\//, ""));
  const outside = only.filter((p) => !matchesAny(p, loaded.config.paths));
  if (outside.length > 0) {
    io.stderr(
      `tasksync ${command.name}: ${outside.join(", ")} ${outside.length === 1 ? "is not a task list" : "are not task lists"} under \`paths\` (${loaded.config.paths.join(", ")})\n`,
    );
    return 2;
  }
  let outcome;
  try {
    outcome = await syncRepository({
      gh,
      ctx: { owner, repo, htmlUrl: data.html_url, defaultBranch: data.default_branch },
      commitSha: branch.data.commit.sha,
      config: loaded.config,
      force: true,
      dryRun,
      reportConfigErrors: false,
      ...(only.length > 0 ? { only } : {}),
      log,
      pauseMs: Number(env.TASKSYNC_WRITE_PAUSE_MS ?? 1000),
      budget: new MemoryContentBudget(budgetWindowsFromEnv(env)),
    });
  } finally {
    progress?.stop();
  }
  if (outcome.kind !== "synced") return 1;
  const { result } = outcome;
  const seen = new Set([...result.plans.map((p) => p.path), ...result.upToDate]);
  const missing = only.filter((p) => !seen.has(p));
  if (dryRun) printPlan(result, io);
  else printApplied(result, io);
  if (missing.length > 0) {
    io.stderr(`tasksync ${command.name}: no task list at ${missing.join(", ")} on ${data.default_branch}\n`);
    return 2;
  }
  if (result.plans.length === 0 && result.upToDate.length === 0)
    io.stdout(`no task lists found under \`paths\` (${loaded.config.paths.join(", ")})\n`);
  return 0;
}

export const planCommand: CliCommand = {
  name: "plan",
  summary: "show what a sync would change on GitHub (dry run; needs GITHUB_TOKEN)",
  usage: `Usage: tasksync plan --repo owner/name [FILE...]\n\nPrints the operations a sync would run, and writes nothing.\n\n${OPTIONS}`,
  run(args, io) {
    return run(this, args, io, true, process.env);
  },
};

export const syncCommand: CliCommand = {
  name: "sync",
  summary: "sync the task lists of a repository to issues once (needs GITHUB_TOKEN)",
  usage: `Usage: tasksync sync --repo owner/name [FILE...]\n\nReconciles the task lists on the default branch into issues, sub-issues and links, showing\nprogress on standard error, then prints what was applied.\n\n${OPTIONS}`,
  run(args, io) {
    return run(this, args, io, false, process.env);
  },
};
