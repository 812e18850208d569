/**
 * The check run's Markdown (pure): the failed gates with links to the blocking issues, the
 * passed ones, a per-phase progress table (summary), and Mermaid graphs of where the PR's tasks
 * sit (text). Each within GitHub's size limit, truncated with a note.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { NO_TASKS_SUMMARY } from "../conclusion.js";
import type { DoneTasks } from "../rules/done-tasks.js";
import { fitText, listSome } from "./fit-text.js";
import {
  workedTaskOf,
  type BlockedTask,
  type FeatureDocs,
  type GateName,
  type GateResult,
  type ListProblem,
  type MissingEvidence,
  type WorkedTask,
} from "../gate-model.js";
import { renderGraph } from "./render-graph.js";
import { renderProgress } from "./render-progress.js";
import { taskLink, type TaskLinks } from "./task-links.js";

/** Open blockers named per failure before "and N more". */
export const BLOCKERS_LISTED = 10;
/** Worked tasks named in the summary before "and N more". */
export const WORKED_LISTED = 30;

export interface SummaryInput {
  results: readonly GateResult[];
  features: readonly FeatureDocs[];
  worked: readonly WorkedTask[];
  /** Ids named in the title or branch that match no task. */
  unresolved: readonly string[];
  done: DoneTasks;
  links: TaskLinks;
  mode: TasksyncConfig["gates"]["mode"];
  touched: boolean;
}

export interface RenderedOutput {
  summary: string;
  /** Markdown for output.text (the graphs), or null when there is nothing to show. */
  text: string | null;
}

const GATE_TITLES: Record<GateName, { failed: string; passed: string }> = {
  dependencies: {
    failed: "Dependencies: tasks worked on before their blockers are done",
    passed: "Dependencies: every blocker of the tasks worked on is done",
  },
  "well-formed": {
    failed: "Well-formed: task lists have errors, and the tasks they hold back do not sync",
    passed: "Well-formed: the task lists this pull request changes parse without errors",
  },
  evidence: {
    failed: "Evidence: completed tasks whose verification commands the description does not quote",
    passed: "Evidence: every verification command of the completed tasks is quoted",
  },
};

export function renderOutput(input: SummaryInput): RenderedOutput {
  if (!input.touched) return { summary: NO_TASKS_SUMMARY, text: null };
  return { summary: fitText(renderSummary(input)), text: renderGraphs(input) };
}

function renderSummary(input: SummaryInput): string {
  const failed = input.results.filter((r) => !r.passed);
  const passed = input.results.filter((r) => r.passed);
  const out: string[] = [];
  if (failed.length > 0 && input.mode === "advisory") {
    out.push("_Advisory mode: failed gates are reported here but do not fail the check._", "");
  }
  for (const result of failed) {
    out.push(`### ❌ ${GATE_TITLES[result.gate].failed}`, "", ...failureLines(result, input), "");
  }
  for (const result of passed) out.push(`✅ ${GATE_TITLES[result.gate].passed}  `);
  out.push("");
  const worked = input.worked.map((w) => taskLink(input.links, w.path, w.id, lineOf(input, w)));
  if (worked.length > 0) out.push(`**Tasks this pull request works on:** ${listSome(worked, WORKED_LISTED)}`, "");
  if (input.unresolved.length > 0) {
    out.push(
      `_Named in the title or branch but found in no task list it could mean: ${input.unresolved.join(", ")}._`,
      "",
    );
  }
  const progress = renderProgress(input.features, input.worked, input.done);
  if (progress !== "") out.push(progress);
  return `${out.join("\n").trimEnd()}\n`;
}

function failureLines(result: GateResult, input: SummaryInput): string[] {
  switch (result.gate) {
    case "dependencies":
      return result.blocked.map((b) => blockedLine(b, input));
    case "well-formed":
      return result.problems.map((p) => problemLine(p, input));
    case "evidence":
      return result.missing.map((m) => evidenceLine(m, input));
  }
}

function blockedLine(b: BlockedTask, input: SummaryInput): string {
  const link = (id: string, line: number): string => taskLink(input.links, b.path, id, line);
  const parts: string[] = [];
  if (b.tasks.length > 0)
    parts.push(
      `waits for ${listSome(
        b.tasks.map((t) => link(t.id, t.line)),
        BLOCKERS_LISTED,
      )}`,
    );
  for (const phase of b.phases) {
    parts.push(
      `waits for **${phase.label}**, which has open tasks: ${listSome(
        phase.open.map((t) => link(t.id, t.line)),
        BLOCKERS_LISTED,
      )}`,
    );
  }
  return `- ${link(b.taskId, b.line)}${where(b.path, input)} ${parts.join("; ")}`;
}

function problemLine(p: ListProblem, input: SummaryInput): string {
  const held =
    p.code !== "held-task" && p.held !== undefined && p.held.length > 0
      ? ` — holds back ${listSome(p.held, BLOCKERS_LISTED)}`
      : "";
  return `- [\`${p.path}\` line ${p.line}](${input.links.fileUrl(p.path, p.line)}): ${p.message}${held}`;
}

function evidenceLine(m: MissingEvidence, input: SummaryInput): string {
  const commands = m.commands.map((c) => `\`${c.replace(/`/g, "")}\``).join(", ");
  return `- ${taskLink(input.links, m.path, m.taskId, m.line)}${where(m.path, input)} is completed, but the pull request description does not quote ${commands}`;
}

/** The list's path when the PR concerns more than one list. */
function where(path: string, input: SummaryInput): string {
  const lists = new Set(input.worked.map((w) => w.path));
  return lists.size > 1 ? ` (\`${path}\`)` : "";
}

function lineOf(input: SummaryInput, w: WorkedTask): number {
  return workedTaskOf(input.features, w)?.task.line ?? 1;
}

function renderGraphs(input: SummaryInput): string | null {
  const max = GITHUB_LIMITS.maxTextLength;
  const blocks: string[] = [];
  let left = 0;
  let length = 0;
  for (const feature of input.features) {
    if (!feature.head) continue;
    const graph = renderGraph(feature.path, feature.head, input.worked, input.done);
    if (graph === null) continue;
    const block = `**${feature.head.feature.title}** (\`${feature.path}\`)\n\n\`\`\`mermaid\n${graph}\n\`\`\`\n`;
    if (length + block.length + 200 > max) {
      left += 1;
      continue;
    }
    blocks.push(block);
    length += block.length + 1;
  }
  if (blocks.length === 0 && left === 0) return null;
  const note =
    left > 0 ? [`_${left} graph${left === 1 ? "" : "s"} left out to fit GitHub's limit of 65,535 characters._`] : [];
  return ["### Where this pull request's tasks sit", "", ...blocks, ...note].join("\n");
}
