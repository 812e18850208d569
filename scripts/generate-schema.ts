/**
 * `npm run schema`: writes `schema/tasksync.schema.json` and the README's config reference
 * table from the zod schema in `src/config/schema.ts`. `--check` writes nothing and exits 1 when
 * either file is out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { README_FILE, SCHEMA_FILE, renderJsonSchema, withConfigTable } from "./config-schema.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

const outputs: Array<[string, string]> = [
  [SCHEMA_FILE, renderJsonSchema()],
  [README_FILE, withConfigTable(readFileSync(resolve(root, README_FILE), "utf8"))],
];

let stale = 0;
for (const [file, text] of outputs) {
  const path = resolve(root, file);
  if (readOrEmpty(path) === text) {
    console.log(`${file}: up to date`);
  } else if (check) {
    console.error(`${file}: out of date; run npm run schema`);
    stale += 1;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`${file}: written`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
