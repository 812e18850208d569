// `npm prepare` (after `npm ci` / `npm install` in this folder): build dist/ when the dev
// dependencies (TypeScript) are there; with production dependencies only there is nothing to
// build with, and the package already carries dist/.
import { execSync } from "node:child_process";
import { createRequire } from "node:module";

try {
  createRequire(import.meta.url).resolve("typescript");
} catch {
  console.log("tasksync: no dev dependencies: dist/ is used as it is");
  process.exit(0);
}
execSync("npm run build", { stdio: "inherit" });
