/**
 * npm run score:corpus — parses every corpus file that has a truth file at its real repository
 * path and prints, per file and overall, task accuracy and dependency-edge precision and recall.
 * Exits 1 when precision or recall is below the floors (issue: precision 0.98, recall 0.90).
 */
import { parseTaskList } from "../src/tasks/parse-tasks.js";
import { corpusExists, corpusFiles } from "./corpus/corpus-files.js";
import { scoreFile, totals, type FileScore } from "./corpus/score.js";
import { truthFor } from "./corpus/truth-files.js";

export const FLOORS = { edgePrecision: 0.98, edgeRecall: 0.9 } as const;

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`.padStart(6);
}

function main(): number {
  if (!corpusExists()) {
    console.error("score:corpus: ../shared/corpus/real is missing");
    return 2;
  }
  const scores: FileScore[] = [];
  for (const { file, path, text } of corpusFiles()) {
    const truth = truthFor(file);
    if (!truth) continue;
    const s = scoreFile(parseTaskList(path, text), truth);
    scores.push(s);
    const t = totals([s]);
    console.log(
      `${s.format.padEnd(10)} tasks ${String(s.tasksFound).padStart(3)}/${String(s.tasksTruth).padEnd(3)} +${String(s.tasksExtra).padEnd(3)} ` +
        `attrs ${pct(t.attributeAccuracy)}  edges P ${pct(t.edgePrecision)} R ${pct(t.edgeRecall)} (${s.edgesTrue}/${s.edgesReported}/${s.edgesTruth})  ${file}`,
    );
  }
  const all = totals(scores);
  console.log(
    `\noverall (${scores.length} files): task recall ${pct(all.taskRecall)}, task precision ${pct(all.taskPrecision)}, ` +
      `attributes ${pct(all.attributeAccuracy)}, edge precision ${pct(all.edgePrecision)}, edge recall ${pct(all.edgeRecall)}`,
  );
  const below = all.edgePrecision < FLOORS.edgePrecision || all.edgeRecall < FLOORS.edgeRecall;
  if (below) console.log(`below the floors: edge precision ${FLOORS.edgePrecision}, edge recall ${FLOORS.edgeRecall}`);
  return below ? 1 : 0;
}

process.exitCode = main();
