/**
 * Bundles the GitHub Action (src/action/main.ts and everything it imports) into one committed
 * file, dist/action/index.js, which action.yml runs: `npm run build:action`. The committed file
 * must be what the sources build (test/e2e/action-bundle.test.ts builds it again and compares).
 */
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ACTION_BUNDLE = "dist/action/index.js";

/** The bundle's text, built in memory. */
export async function buildAction(): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["src/action/main.ts"],
    outfile: ACTION_BUNDLE,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    // The oldest Node the project supports; action.yml runs it on node24.
    target: "node20",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    // CommonJS dependencies call require() for Node's own modules.
    banner: {
      js: 'import { createRequire as __tasksyncRequire } from "node:module";\nconst require = __tasksyncRequire(import.meta.url);',
    },
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild wrote no bundle");
  return file.text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(ROOT, ACTION_BUNDLE), await buildAction());
}
