// Jest's global set-up: builds dist/ (`npm run build`'s tsc) once, before any worker starts, so the
// end-to-end tests that spawn the server or the CLI from dist/ never race one another's build;
// `npm ci` no longer builds it. ensureBuilt in the e2e harness still covers one file run by hand,
// and finds the build fresh here. tsc emits despite type errors: npm test type-checks on its own.
import { spawnSync } from "node:child_process";
import process from "node:process";

export default function globalSetup() {
  spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
