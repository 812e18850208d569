/**
 * `tasksync adopt --repo owner/name [FILE...] [--yes]`: for teams that already have issues for
 * their tasks (`/speckit.taskstoissues`, or by hand). Lists the open issues the first sync would
 * take over and why others are left alone; with --yes, runs that sync (as `adopt: true` does):
 * the adopted issues get tasksync's label and section, the other tasks new issues.
 */
import { loadConfig } from "../config/load-config.js";
import { describeOperation } from "../reconcile/operations.js";
import { syncRepository } from "../reconcile/sync-repository.js";
import { splitArgs, usageError, type CliCommand } from "./command.js";
import { connect, takeOption } from "./github-options.js";

export const adoptCommand: CliCommand = {
  name: "adopt",
  summary: "take over the issues a team already opened for its tasks (dry run unless --yes)",
  usage: `Usage: tasksync adopt --repo owner/name [FILE...] [--yes]

For teams that already have an issue per task (from /speckit.taskstoissues, or opened by hand,
titled "T001: ...", "[T001] ...", "T001 ..."): lists the open issues a sync with \`adopt: true\`
would take over, and those it leaves alone and why (an author without write access, two issues
for one task, one issue two tasks could claim). With --yes it runs that sync: the adopted
issues keep their text and get tasksync's label and section below it; the other tasks get new
issues. \`tasksync unlink\` releases adopted issues again without closing them.

  --repo owner/name   the repository (default: $GITHUB_REPOSITORY)
  --api-url URL       the REST API address (default: $GITHUB_API_URL or https://api.github.com)
  --yes               do it

Needs GITHUB_TOKEN (or GH_TOKEN) with issues: write.
`,
  async run(args, io) {
    const repoOpt = takeOption(args, "--repo");
    const apiOpt = takeOption(repoOpt.rest, "--api-url");
    const { flags, positionals } = splitArgs(apiOpt.rest);
    const yes = flags.delete("--yes");
    if (flags.size > 0) return usageError(this, `unknown option ${[...flags][0]}`, io);
    const target = connect(repoOpt.value, apiOpt.value, process.env);
    if (typeof target === "string") return usageError(this, target, io);
    const { gh, owner, repo, log } = target;
    const loaded = await loadConfig(gh, { owner, repo });
    if (!loaded.ok) {
      io.stderr(`tasksync adopt: the configuration is not valid:\n${loaded.errors.map((e) => `  ${e}\n`).join("")}`);
      return 1;
    }
    if (loaded.config.issues.granularity !== "task") {
      io.stderr("tasksync adopt: adopting needs one issue per task (`issues.granularity: task`)\n");
      return 2;
    }
    const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
    const branch = await gh.request("GET /repos/{owner}/{repo}/branches/{branch}", {
      owner,
      repo,
      branch: data.default_branch,
    });
    const only = positionals.map((p) => p.replace(/^\.\//, ""));
    const outcome = await syncRepository({
      gh,
      ctx: { owner, repo, htmlUrl: data.html_url, defaultBranch: data.default_branch },
      commitSha: branch.data.commit.sha,
      config: { ...loaded.config, adopt: true },
      force: true,
      dryRun: !yes,
      reportConfigErrors: false,
      ...(only.length > 0 ? { only } : {}),
      log,
      pauseMs: Number(process.env.TASKSYNC_WRITE_PAUSE_MS ?? 1000),
    });
    if (outcome.kind !== "synced") return 1;
    const would = yes ? "" : "would ";
    let adopted = 0;
    let created = 0;
    let leftAlone = 0;
    const seen = new Set<string>(); // a list planned twice (after a file edit) is told once
    for (const plan of outcome.result.plans) {
      if (seen.has(plan.path)) continue;
      seen.add(plan.path);
      const adopts = plan.operations.filter((op) => op.kind === "adopt-issue");
      const creates = plan.operations.filter(
        (op) => op.kind === "create-issue" && !op.key.endsWith("#feature") && !op.key.includes("#phase:"),
      );
      const notes = plan.adoptionDiagnostics ?? [];
      io.stdout(`${plan.path}:\n`);
      for (const op of adopts) io.stdout(`  ${would}${describeOperation(op)}\n`);
      for (const note of notes) io.stdout(`  left alone: ${note}\n`);
      adopted += adopts.length;
      created += plan.operations.filter((op) => op.kind === "create-issue").length;
      leftAlone += notes.length;
      if (adopts.length === 0 && notes.length === 0)
        io.stdout(`  nothing to adopt (${creates.length} task issue(s) to open)\n`);
    }
    io.stdout(
      yes
        ? `adopted ${adopted} issue(s), opened ${created} new one(s); ${leftAlone} left alone\n`
        : `dry run: ${adopted} issue(s) to adopt, ${created} new issue(s) to open, ${leftAlone} left alone; run again with --yes to do it\n`,
    );
    return 0;
  },
};
