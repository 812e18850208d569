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
  notes: string[];
}

const FORK_NOTE =
  "This pull request comes from a fork: its workflow token is read-only, so the `tasksync / gates` check could not be created. The gates' result is below, and the step fails when they fail. To get the check itself, run tasksync on `pull_request_target`.";

export function verdictOf(outcome: ActionOutcome): Verdict {
  const notes: string[] = [];
  const refusals = outcome.recorder.refusals.filter((r) => !(outcome.fork && r.permission.startsWith("checks:")));
  if (outcome.fork && refusals.length < outcome.recorder.refusals.length) notes.push(FORK_NOTE);
  if (refusals.length > 0) {
    const lines = [...new Set(refusals.map((r) => r.permission))];
    const first = refusals[0]!;
    return {
      notes,
      failure: `tasksync: the workflow's token may not ${first.route} (${first.message}). Add ${lines.map((l) => `\`${l}\``).join(" and ")} to the workflow's \`permissions:\` block.`,
    };
  }
  if (outcome.failures.length > 0) return { notes, failure: `tasksync failed: ${outcome.failures.join("; ")}` };
  const failed = outcome.recorder.checkRuns.find((c) => c.conclusion === "failure");
  if (failed) return { notes, failure: `tasksync: ${failed.name || "check"} failed: ${failed.title ?? "see the job summary"}` };
  return { notes };
}

export function renderSummary(outcome: ActionOutcome, verdict: Verdict, problems: LoggedProblem[]): string {
  const { recorder } = outcome;
  const out: string[] = ["## tasksync", "", `**Event:** ${outcome.trigger}`, ""];
  if (verdict.failure) out.push(`> [!CAUTION]`, `> ${verdict.failure}`, "");
  for (const note of verdict.notes) out.push(`> [!NOTE]`, `> ${note}`, "");
  const changed = WRITE_KINDS.filter((k) => recorder.counts[k] > 0);
  if (changed.length === 0) {
    out.push(outcome.acted ? "Nothing changed on GitHub: everything was already in step." : "tasksync does nothing on this event.");
  } else {
    out.push("| change | count |", "| --- | ---: |", ...changed.map((k) => `| ${k} | ${recorder.counts[k]} |`));
  }
  if (recorder.issues.length > 0) {
    out.push("", "### Issues", "");
    for (const issue of recorder.issues) out.push(`- ${issue.kind}: [#${issue.number} ${issue.title.replace(/[[\]]/g, "")}](${issue.url})`);
  }
  for (const check of recorder.checkRuns.filter((c) => c.summary !== undefined && c.conclusion !== undefined)) {
    out.push("", `### ${check.name}: ${check.conclusion}${check.title ? ` — ${check.title}` : ""}`, "", check.summary ?? "");
  }
  if (problems.length > 0) {
    out.push("", "### Warnings", "");
    for (const p of problems.slice(0, 20)) out.push(`- ${p.level}: ${p.msg}`);
  }
  return `${out.join("\n")}\n`;
}
