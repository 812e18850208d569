/**
 * The job summary (GITHUB_STEP_SUMMARY) and the step's verdict: what the run did, and why it
 * failed in words that say what to change.
 */
import type { LoggedProblem } from "./action-log.js";
import type { ActionOutcome } from "./run-action.js";
import { WRITE_KINDS } from "./write-kinds.js";

export interface Verdict {
  /** Why the step fails; undefined when it passes. */
  failure?: string;
}

const FORK_FAILURE =
  "tasksync: this pull request comes from a fork, and a fork's workflow token is read-only whatever `permissions:` says: the `tasksync / gates` check cannot be created, so the gates did not run. Run tasksync on `pull_request_target` to check pull requests from forks (it reads them through the API and runs none of their code).";

export function verdictOf(outcome: ActionOutcome): Verdict {
  const { refusals } = outcome.recorder;
  if (outcome.fork && refusals.some((r) => r.permission.startsWith("checks:"))) return { failure: FORK_FAILURE };
  if (refusals.length > 0) {
    const lines = [...new Set(refusals.map((r) => r.permission))];
    const first = refusals[0]!;
    return {
      failure: `tasksync: the workflow's token may not ${first.route} (${first.message}). Add ${lines.map((l) => `\`${l}\``).join(" and ")} to the workflow's \`permissions:\` block.`,
    };
  }
  if (outcome.failures.length > 0) return { failure: `tasksync failed: ${outcome.failures.join("; ")}` };
  const failed = outcome.recorder.checkRuns.find((c) => c.conclusion === "failure");
  if (failed)
    return { failure: `tasksync: ${failed.name || "check"} failed: ${failed.title ?? "see the job summary"}` };
  return {};
}

export function renderSummary(outcome: ActionOutcome, verdict: Verdict, problems: LoggedProblem[]): string {
  const { recorder } = outcome;
  const out: string[] = ["## tasksync", "", `**Event:** ${outcome.trigger}`, ""];
  if (verdict.failure) out.push(`> [!CAUTION]`, `> ${verdict.failure}`, "");
  const changed = WRITE_KINDS.filter((k) => recorder.counts[k] > 0);
  if (changed.length === 0) {
    out.push(
      outcome.acted
        ? "Nothing changed on GitHub: everything was already in step."
        : "tasksync does nothing on this event.",
    );
  } else {
    out.push("| change | count |", "| --- | ---: |", ...changed.map((k) => `| ${k} | ${recorder.counts[k]} |`));
  }
  if (recorder.issues.length > 0) {
    out.push("", "### Issues", "");
    for (const issue of recorder.issues)
      out.push(`- ${issue.kind}: [#${issue.number} ${issue.title.replace(/[[\]]/g, "")}](${issue.url})`);
  }
  for (const check of recorder.checkRuns.filter((c) => c.summary !== undefined && c.conclusion !== undefined)) {
    out.push(
      "",
      `### ${check.name}: ${check.conclusion}${check.title ? ` — ${check.title}` : ""}`,
      "",
      check.summary ?? "",
    );
  }
  if (problems.length > 0) {
    out.push("", "### Warnings", "");
    for (const p of problems.slice(0, 20)) out.push(`- ${p.level}: ${p.msg}`);
  }
  return `${out.join("\n")}\n`;
}
