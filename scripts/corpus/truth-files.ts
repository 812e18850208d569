/** The truth files beside the shared corpus (../shared/corpus/truth/<file>.json), when present. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Truth } from "./score.js";

export const TRUTH_DIR = fileURLToPath(new URL("../../../shared/corpus/truth/", import.meta.url));

/** The truth for a corpus file, or null when the corpus has none for it. */
export function truthFor(file: string, dir: string = TRUTH_DIR): Truth | null {
  const path = `${dir}${file}.json`;
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Truth) : null;
}
