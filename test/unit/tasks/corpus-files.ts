/** The shared corpus of real task lists (../shared/corpus/real from the repo root), when present. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = fileURLToPath(new URL("../../../../shared/corpus/real/", import.meta.url));

export interface CorpusFile {
  file: string;
  /** The file's path in its own repository (from INDEX.tsv), e.g. ".xe/specs/blueprint/tasks.md". */
  path: string;
  text: string;
}

export function corpusExists(): boolean {
  return existsSync(`${CORPUS_DIR}INDEX.tsv`);
}

export function corpusFiles(): CorpusFile[] {
  if (!corpusExists()) return [];
  const rows = readFileSync(`${CORPUS_DIR}INDEX.tsv`, "utf8").trim().split("\n").slice(1);
  return rows.map((row) => {
    const [file, , path] = row.split("\t") as [string, string, string];
    return { file, path, text: readFileSync(`${CORPUS_DIR}${file}`, "utf8") };
  });
}
