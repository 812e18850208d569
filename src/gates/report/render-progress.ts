/** The per-phase progress table of each feature a pull request touches (pure Markdown). */
import type { TaskDocument } from "../../tasks/model.js";
import type { DoneTasks } from "../rules/done-tasks.js";
import { phaseLabel } from "../rules/gate-dependencies.js";
import type { FeatureDocs, WorkedTask } from "../gate-model.js";
import { cell, listSome } from "./fit-text.js";

const WORKED_LISTED = 10;

export function renderProgress(
  features: readonly FeatureDocs[],
  worked: readonly WorkedTask[],
  done: DoneTasks,
): string {
  const sections: string[] = [];
  for (const feature of features) {
    const doc = feature.head;
    const mine = worked.filter((w) => w.path === feature.path);
    if (!doc || (mine.length === 0 && !feature.changed)) continue;
    sections.push(renderFeature(feature.path, doc, new Set(mine.map((w) => w.id)), done));
  }
  return sections.length === 0 ? "" : ["### Progress", "", ...sections].join("\n");
}

function renderFeature(path: string, doc: TaskDocument, mine: ReadonlySet<string>, done: DoneTasks): string {
  const lines = [
    `**${cell(doc.feature.title)}** (\`${path}\`)`,
    "",
    "| Phase | Done | This PR |",
    "| --- | --- | --- |",
  ];
  const row = (label: string, ids: readonly string[]): void => {
    if (ids.length === 0) return;
    const count = ids.filter((id) => done.isDone(path, id)).length;
    const mark = count === ids.length ? " ✅" : "";
    const here = ids.filter((id) => mine.has(id));
    lines.push(`| ${cell(label)} | ${count}/${ids.length}${mark} | ${listSome(here, WORKED_LISTED)} |`);
  };
  row(
    "(before the first phase)",
    doc.tasks.filter((t) => t.phaseIndex === null).map((t) => t.id),
  );
  for (const phase of doc.phases) row(phaseLabel(phase), phase.taskIds);
  const total = doc.tasks.length;
  const finished = doc.tasks.filter((t) => done.isDone(path, t.id)).length;
  lines.push(`| **All** | **${finished}/${total}** | ${mine.size > 0 ? String(mine.size) : ""} |`, "");
  return lines.join("\n");
}
