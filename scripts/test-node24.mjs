// `npm run test:node24`: the end-to-end tests of what ships on Node 24 — the server process, the
// Action bundle (`node dist/action/index.js`, as GitHub's runner starts it) and the packed
// package's global install — with the product spawned on Node 24 from the npm registry
// (scripts/node24.mjs) while jest itself stays on the Node it runs on (the test toolchain is
// tested there by `npm test`). TASKSYNC_TEST_NODE tells the harnesses which binary to spawn.
import { execFileSync, spawnSync } from "node:child_process";
import console from "node:console";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The e2e files whose product runs in a process of its own (besides test/node24 itself). */
const FILES = ["test/node24", "test/e2e/server.test.ts", "test/e2e/server-crash.test.ts", "test/e2e/action.test.ts"];

// execFileSync throws when the fetch fails, so the tests never fall back to this Node unnoticed.
const node24 = execFileSync(process.execPath, [join(ROOT, "scripts/node24.mjs")], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
}).trim();
const npm24 = execFileSync(process.execPath, [join(ROOT, "scripts/node24.mjs"), "--npm"], { encoding: "utf8" }).trim();
console.log(
  `test:node24: spawning the product with ${node24} (${execFileSync(node24, ["--version"], { encoding: "utf8" }).trim()})`,
);

const jest = spawnSync(
  process.execPath,
  [join(ROOT, "node_modules/jest/bin/jest.js"), "--runInBand", ...FILES, ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      TASKSYNC_TEST_NODE: node24,
      TASKSYNC_TEST_NPM: npm24,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim(),
    },
  },
);
process.exit(jest.status ?? 1);
