/**
 * `npx tsx scripts/corpus/edge-diff.ts [file-substring]`: for each corpus file with a truth,
 * the edges the parser misses and the ones it adds, with the lines that state the added ones.
 * A tool for working on the dependency grammar; prints, asserts nothing.
 */
import { parseTaskList } from "../../src/tasks/parse-tasks.js";
import { corpusFiles } from "./corpus-files.js";
import { reportedEdges } from "./score.js";
import { truthFor } from "./truth-files.js";

const filter = process.argv[2] ?? "";
for (const { file, path, text } of corpusFiles()) {
  if (!file.includes(filter)) continue;
  const truth = truthFor(file);
  if (!truth) continue;
  const doc = parseTaskList(path, text);
  const want = new Set(truth.edges.map(([a, b]) => `${a}→${b}`));
  const got = reportedEdges(doc);
  const missing = [...want].filter((e) => !got.has(e));
  const extra = [...got].filter((e) => !want.has(e));
  if (missing.length === 0 && extra.length === 0) continue;
  console.log(`== ${file}: ${missing.length} missing, ${extra.length} extra`);
  const lineOf = new Map(doc.taskEdges.map((e) => [`${e.to}→${e.from}`, e.line]));
  for (const g of doc.groupEdges)
    for (const a of g.blockers)
      for (const b of g.blocked) if (!lineOf.has(`${a}→${b}`)) lineOf.set(`${a}→${b}`, g.line);
  const lines = text.split("\n");
  if (missing.length > 0) console.log(`  missing: ${missing.slice(0, 60).join(" ")}${missing.length > 60 ? " …" : ""}`);
  for (const e of extra.slice(0, 40)) {
    const line = lineOf.get(e) ?? 0;
    console.log(`  extra ${e} @${line}: ${(lines[line - 1] ?? "").slice(0, 160)}`);
  }
}
