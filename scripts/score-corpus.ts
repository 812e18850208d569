/**
 * npm run score:corpus — parses every corpus file that has a truth file at its real repository
 * path and prints, per file and overall, task accuracy and dependency-edge precision and recall.
 * Also scores the unread-statement net: its flagged lines per 20 tasks, and the share of the
 * missed truth edges that sit on a flagged line (see {@link scoreNet}).
 * Exits 1 when precision or recall is below the floors (issue: precision 0.98, recall 0.90), or
 * the net flags more than one line per 20 tasks.
 */
import { parseTaskList } from "../src/tasks/parse-tasks.js";
import { corpusExists, corpusFiles } from "./corpus/corpus-files.js";
import { scoreFile, totals, type FileScore } from "./corpus/score.js";
import { netTotals, scoreNet, type NetScore } from "./corpus/net-score.js";
import { truthFor } from "./corpus/truth-files.js";

export const FLOORS = { edgePrecision: 0.98, edgeRecall: 0.9 } as const;
/** The unread-statement net may flag at most this many lines per 20 tasks over the whole corpus. */
export const NET_CEILING = { flagsPer20: 1 } as const;

const per20 = (flags: number, tasks: number): string => (tasks === 0 ? "-" : ((flags * 20) / tasks).toFixed(2));

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`.padStart(6);
}

function main(): number {
  if (!corpusExists()) {
    console.error("score:corpus: ../shared/corpus/real is missing");
    return 2;
  }
  const scores: FileScore[] = [];
  const nets: NetScore[] = [];
  let flagged = 0;
  let tasks = 0;
  for (const { file, path, text } of corpusFiles()) {
    const doc = parseTaskList(path, text);
    const flags = doc.diagnostics.filter((d) => d.code === "unread-dependency").length;
    flagged += flags;
    tasks += doc.tasks.length;
    const truth = truthFor(file);
    if (!truth) {
      console.log(
        `${"".padEnd(10)} tasks ${String(doc.tasks.length).padStart(3)} (no truth)  net: ${flags} flagged (${per20(flags, doc.tasks.length)}/20 tasks)  ${file}`,
      );
      continue;
    }
    const s = scoreFile(doc, truth);
    scores.push(s);
    const n = scoreNet(doc, text, truth);
    nets.push(n);
    const t = totals([s]);
    console.log(
      `${s.format.padEnd(10)} tasks ${String(s.tasksFound).padStart(3)}/${String(s.tasksTruth).padEnd(3)} +${String(s.tasksExtra).padEnd(3)} ` +
        `attrs ${pct(t.attributeAccuracy)}  edges P ${pct(t.edgePrecision)} R ${pct(t.edgeRecall)} (${s.edgesTrue}/${s.edgesReported}/${s.edgesTruth})  ` +
        `net: ${n.flagged} flagged (${per20(n.flagged, n.tasks)}/20 tasks), ${n.covered}/${n.missed} missed on a flagged line  ${file}`,
    );
  }
  const all = totals(scores);
  console.log(
    `\noverall (${scores.length} files): task recall ${pct(all.taskRecall)}, task precision ${pct(all.taskPrecision)}, ` +
      `attributes ${pct(all.attributeAccuracy)}, edge precision ${pct(all.edgePrecision)}, edge recall ${pct(all.edgeRecall)}`,
  );
  const net = netTotals(nets);
  const missed = nets.reduce((n, s) => n + s.missed, 0);
  const unplaced = nets.reduce((n, s) => n + s.unplaced, 0);
  const perTwenty = tasks === 0 ? 0 : (flagged * 20) / tasks;
  console.log(
    `net: ${flagged} lines flagged over ${tasks} tasks = ${perTwenty.toFixed(2)} per 20 tasks (all files); ` +
      `coverage ${pct(net.coverage)} of the ${missed} missed edges sit on a flagged line (files with a truth; ${unplaced} on no line naming both tasks)`,
  );
  const below = all.edgePrecision < FLOORS.edgePrecision || all.edgeRecall < FLOORS.edgeRecall;
  if (below) console.log(`below the floors: edge precision ${FLOORS.edgePrecision}, edge recall ${FLOORS.edgeRecall}`);
  const noisy = perTwenty > NET_CEILING.flagsPer20;
  if (noisy) console.log(`above the net's ceiling: ${NET_CEILING.flagsPer20} flagged line per 20 tasks`);
  return below || noisy ? 1 : 0;
}

process.exitCode = main();
