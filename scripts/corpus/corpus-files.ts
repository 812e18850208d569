/** The shared corpus of real task lists (../shared/corpus/real from the repo root), when present. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus/real/", import.meta.url));

export interface CorpusFile {
  file: string;
  /** The file's path in its own repository (from INDEX.tsv), e.g. ".xe/specs/blueprint/tasks.md". */
  path: string;
  text: string;
}

export function corpusExists(dir: string = CORPUS_DIR): boolean {
  return existsSync(`${dir}INDEX.tsv`);
}

/**
 * Whether the corpus tests of `suite` can run. CI always checks the corpus out, so there a
 * missing corpus throws (the test file fails to load, naming the folder). Elsewhere it prints
 * one warning and answers false: the caller registers the corpus tests only when it answers true.
 */
export function corpusAvailable(
  suite: string,
  dir: string = CORPUS_DIR,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (corpusExists(dir)) return true;
  if (env["CI"]) throw new Error(`${suite}: the shared corpus is missing (${dir}INDEX.tsv), and CI always has it`);
  console.warn(`${suite}: skipped, ${dir} is missing (CI always has it)`);
  return false;
}

export function corpusFiles(): CorpusFile[] {
  if (!corpusExists()) return [];
  const rows = readFileSync(`${CORPUS_DIR}INDEX.tsv`, "utf8").trim().split("\n").slice(1);
  return rows.map((row) => {
    const [file, , path] = row.split("\t") as [string, string, string];
    return { file, path, text: readFileSync(`${CORPUS_DIR}${file}`, "utf8") };
  });
}
