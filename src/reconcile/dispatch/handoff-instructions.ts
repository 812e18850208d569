/**
 * What an agent is told when it takes a task (pure): the task line, its phase and story, links to
 * the feature folder's design documents that exist (spec.md, plan.md, data-model.md, contracts/
 * and Kiro's requirements.md and design.md), the files the task names, and the rules that keep one
 * pull request to one task. The same text goes into Copilot's `custom_instructions`, the hand-off
 * comment and the `repository_dispatch` payload.
 */
import type { Task, TaskDocument } from "../../tasks/model.js";
import { blobUrl, type RepoContext } from "../../github/repo-context.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { featureFolder } from "../render/handoff-text.js";

/** The feature folder's documents an agent should read, in this order, when they exist. */
export const DESIGN_DOCUMENTS: readonly string[] = [
  "spec.md",
  "requirements.md",
  "plan.md",
  "design.md",
  "data-model.md",
  "research.md",
  "contracts",
];

export interface InstructionsInput {
  ctx: RepoContext;
  doc: TaskDocument;
  task: Task;
  issueNumber: number;
  /** Names in the task list's folder (a trailing "/" for a folder); undefined when not read. */
  folder?: readonly string[];
}

/** The folder a task list sits in ("" at the root). */

/** The task line as an agent should read it: id, markers and description. */
export function taskLine(task: Task): string {
  const tags = [...(task.parallel ? ["P"] : []), ...(task.story ? [task.story] : [])].map((t) => `[${t}]`);
  return [task.id, ...tags, task.description].join(" ");
}

export function renderInstructions(input: InstructionsInput): string {
  const { ctx, doc, task, issueNumber } = input;
  const phase = task.phaseIndex === null ? undefined : doc.phases[task.phaseIndex];
  const folder = featureFolder(doc.path);
  const present = new Set((input.folder ?? []).map((n) => n.replace(/\/$/, "")));
  const docs = DESIGN_DOCUMENTS.filter((name) => present.has(name)).map(
    (name) => `- [${folder}${name}${name === "contracts" ? "/" : ""}](${blobUrl(ctx, `${folder}${name}`)})`,
  );
  const lines = [
    `Task ${task.id} of \`${doc.path}\` (issue #${issueNumber}):`,
    "",
    `> ${taskLine(task)}`,
    ...task.details.map((d) => `> ${d}`),
    "",
    ...(phase ? [`Phase: ${phase.heading}`] : []),
    ...(task.story ? [`Story: ${task.story}`] : []),
    `Task list: ${blobUrl(ctx, doc.path, task.line)}`,
    ...(docs.length > 0 ? ["", "Read first:", ...docs] : []),
    ...(task.files.length > 0 ? ["", "Files the task names:", ...task.files.map((f) => `- \`${f}\``)] : []),
    "",
    "Rules:",
    "- One task per pull request: this task only.",
    `- Put \`Closes #${issueNumber}\` in the pull request's body.`,
    "- Change no other task's checkbox in the task list.",
  ];
  return clip(lines.join("\n"), GITHUB_LIMITS.maxTextLength / 2);
}

/** The text cut to `max` characters, saying so. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = "\n… (cut to fit GitHub's limit)";
  return text.slice(0, max - note.length) + note;
}
