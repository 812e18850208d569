/**
 * `tasksync plan --repo owner/name [FILE...]`: what a sync would change, as a dry run.
 * `tasksync sync --repo owner/name [FILE...]`: the same reconcile, applied — for teams that run
 * tasksync from a GitHub Actions workflow instead of hosting the app.
 */
import { budgetWindowsFromEnv, MemoryContentBudget } from "../github/pacing-budget.js";
import { describeOperation } from "../sync/operations.js";
import { syncRepository } from "../sync/sync-repository.js";
import { splitArgs, usageError, type CliCommand, type CliIo } from "./command.js";
import { connect, takeOption } from "./github-options.js";

const OPTIONS = `Options:
  --repo owner/name   the repository (default: $GITHUB_REPOSITORY)
  --api-url URL       the REST API address (default: $GITHUB_API_URL or https://api.github.com)

Needs GITHUB_TOKEN (or GH_TOKEN). FILE... limits the run to those task lists (paths in the
repository); without them every task list matching the config's \`paths\` is considered.
Environment: TASKSYNC_WRITE_PAUSE_MS (pause between writes, default 1000), TASKSYNC_CONTENT_PER_MINUTE
and TASKSYNC_CONTENT_PER_HOUR (content-creation budget, default 80 and 500), LOG_LEVEL.
`;

async function run(command: CliCommand, args: string[], io: CliIo, dryRun: boolean, env: NodeJS.ProcessEnv): Promise<number> {
  const repoOpt = takeOption(args, "--repo");
  const apiOpt = takeOption(repoOpt.rest, "--api-url");
  const { flags, positionals } = splitArgs(apiOpt.rest);
  if (flags.size > 0) return usageError(command, `unknown option ${[...flags][0]}`, io);
  const target = connect(repoOpt.value, apiOpt.value, env);
  if (typeof target === "string") return usageError(command, target, io);
  const { gh, owner, repo, log } = target;
  const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
  const branch = await gh.request("GET /repos/{owner}/{repo}/branches/{branch}", { owner, repo, branch: data.default_branch });
  const outcome = await syncRepository({
    gh,
    ctx: { owner, repo, htmlUrl: data.html_url, defaultBranch: data.default_branch },
    commitSha: branch.data.commit.sha,
    force: true,
    dryRun,
    reportConfigErrors: false,
    ...(positionals.length > 0 ? { only: positionals.map((p) => p.replace(/^\.\//, "")) } : {}),
    log,
    pauseMs: Number(env.TASKSYNC_WRITE_PAUSE_MS ?? 1000),
    budget: new MemoryContentBudget(budgetWindowsFromEnv(env)),
  });
  if (outcome.kind === "bad-config") {
    io.stderr(`tasksync ${command.name}: the configuration is not valid:\n${outcome.errors.map((e) => `  ${e}\n`).join("")}`);
    return 1;
  }
  if (outcome.kind !== "synced") return 0;
  const { result } = outcome;
  for (const plan of result.plans) {
    io.stdout(`${plan.path}: ${plan.operations.length === 0 ? "in sync" : `${plan.operations.length} operation(s)`}${plan.blockedByErrors ? " (has errors: diagnostics only)" : ""}\n`);
    for (const op of plan.operations) io.stdout(`  ${dryRun ? "would " : ""}${describeOperation(op)}  — ${op.reason}\n`);
  }
  for (const path of result.upToDate) io.stdout(`${path}: up to date\n`);
  if (result.plans.length === 0 && result.upToDate.length === 0) io.stdout("no task lists found (see the `paths` setting)\n");
  const r = result.report;
  io.stdout(
    dryRun
      ? `dry run: ${result.plans.reduce((n, p) => n + p.operations.length, 0)} operation(s) planned, ${result.reads} read(s), no writes\n`
      : `synced: ${r.created} created, ${r.updated} updated, ${r.closed} closed, ${r.reopened} reopened, ${r.linked} linked, ${r.unlinked} unlinked, ${r.commented} comments, ${r.labels} labels; ${result.reads} reads, ${result.writes} writes\n`,
  );
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
  usage: `Usage: tasksync sync --repo owner/name [FILE...]\n\nReconciles the task lists on the default branch into issues, sub-issues and links.\n\n${OPTIONS}`,
  run(args, io) {
    return run(this, args, io, false, process.env);
  },
};
