/**
 * `tasksync unlink --repo owner/name [FILE...] [--yes]`: for teams that uninstall. Closes the
 * issues tasksync made (its label and marker) as not planned and takes its label off them, so
 * a later install does not adopt them. An issue a person opened and tasksync adopted is released
 * instead: left open, with tasksync's label and section taken off and the person's text as it
 * was. A dry run unless --yes. The command observes and prints; {@link planUnlink} plans and the
 * sync's writer ({@link applyPlan}) writes, paced like a sync.
 */
import { loadConfig } from "../config/load-config.js";
import { budgetWindowsFromEnv, MemoryContentBudget } from "../github/pacing-budget.js";
import { applyPlan } from "../reconcile/apply/apply-plan.js";
import { observeIssues } from "../reconcile/observe/observe.js";
import { isAdopted, planUnlink, unlinkPlan } from "../reconcile/plan/plan-unlink.js";
import { splitArgs, usageError, type CliCommand } from "./command.js";
import { connect, takeOption } from "./github-options.js";

export const unlinkCommand: CliCommand = {
  name: "unlink",
  summary: "close tasksync's issues as not planned and remove its label (dry run unless --yes)",
  usage: `Usage: tasksync unlink --repo owner/name [FILE...] [--yes]

For teams that stop using tasksync: closes every open issue tasksync made (tracking, phase and
task issues, found by its label and marker) as not planned, and removes tasksync's label from
them, open or closed. FILE... limits it to the issues of those task lists. Without --yes it
only prints what it would do. Uninstall the app (or remove the workflow) first, or the next
push creates the issues again. Task lists, comments, links and other labels stay as they are.
An issue tasksync adopted (one a person opened, with \`adopt: true\`) is released, not closed:
it stays open, loses tasksync's label and section, and keeps its person's text unchanged.

  --repo owner/name   the repository (default: $GITHUB_REPOSITORY)
  --api-url URL       the REST API address (default: $GITHUB_API_URL or https://api.github.com)
  --yes               do it

Needs GITHUB_TOKEN (or GH_TOKEN) with issues: write. Writes are paced like a sync's:
TASKSYNC_WRITE_PAUSE_MS (pause between writes, default 1000), TASKSYNC_CONTENT_PER_MINUTE and
TASKSYNC_CONTENT_PER_HOUR (default 80 and 500).
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
    const ref = { owner, repo };
    const loaded = await loadConfig(gh, ref);
    if (!loaded.ok) {
      io.stderr(`tasksync unlink: the configuration is not valid:\n${loaded.errors.map((e) => `  ${e}\n`).join("")}`);
      return 1;
    }
    const label = loaded.config.labels.tasksync.name;
    const only = positionals.map((p) => p.replace(/^\.\//, ""));
    const issues = (await observeIssues(gh, ref, label)).filter(
      (i) => only.length === 0 || only.includes(i.marker.path),
    );
    const missing = only.filter((p) => !issues.some((i) => i.marker.path === p));
    if (missing.length > 0) {
      io.stderr(`tasksync unlink: no issues of tasksync's for ${missing.join(", ")}\n`);
      return 2;
    }
    const operations = planUnlink(issues, label);
    const titles = new Map(issues.map((i) => [i.number, i.title]));
    if (yes) {
      await applyPlan(unlinkPlan(operations), {
        gh,
        repo: ref,
        log,
        pauseMs: Number(process.env.TASKSYNC_WRITE_PAUSE_MS ?? 1000),
        budget: new MemoryContentBudget(budgetWindowsFromEnv(process.env)),
      });
    }
    const adopted = new Set(issues.filter(isAdopted).map((i) => i.number));
    for (const op of operations) {
      const title = titles.get(op.number) ?? "";
      io.stdout(
        adopted.has(op.number)
          ? `${yes ? "" : "would "}release #${op.number} ${title} (keeps it as it is: removes label "${label}" and tasksync's section)\n`
          : `${yes ? "" : "would "}${op.state === "closed" ? "close as not planned and " : ""}remove label "${label}" from #${op.number} ${title}\n`,
      );
    }
    const closing = operations.filter((op) => op.state === "closed").length;
    const released = adopted.size;
    io.stdout(
      yes
        ? `unlinked ${issues.length} issue(s): ${closing} closed as not planned, ${released} adopted one(s) released\n`
        : `dry run: ${issues.length} issue(s), ${closing} to close, ${released} to release; run again with --yes to do it\n`,
    );
    return 0;
  },
};
