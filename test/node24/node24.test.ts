/**
 * What ships on Node 24, checked on Node 24 (`npm run test:node24` sets TASKSYNC_TEST_NODE to the
 * binary fetched from the npm registry):
 * - the harnesses really spawn the server on that binary (so server.test and server-crash.test,
 *   run in the same command, exercise Node 24, and action.test runs the bundle on it);
 * - `npm pack`, then `npm install -g ./tasksync-*.tgz` with Node 24's own npm into a temporary
 *   prefix prints no `npm warn` line, and the installed `tasksync` runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensureBuilt, healthy, ROOT, startApp } from "../e2e/server-process.js";
import { testNode } from "../support/test-node.js";

const NODE = testNode();
/** Node 24's npm: TASKSYNC_TEST_NPM (set by `npm run test:node24`), else the npm beside NODE. */
const NPM = process.env["TASKSYNC_TEST_NPM"] ?? join(dirname(NODE), "npm");
let dir: string;

/**
 * The environment for Node 24's npm: Node 24 first on PATH (for lifecycle scripts and the
 * installed bin's `#!/usr/bin/env node`), no npm_* settings inherited from a parent `npm run`,
 * and an empty user config (a developer's ~/.npmrc is theirs, not the package's).
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  const userconfig = join(dir, "npmrc");
  writeFileSync(userconfig, "");
  env["PATH"] = `${dirname(NODE)}:${process.env["PATH"] ?? ""}`;
  env["npm_config_userconfig"] = userconfig;
  return env;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tasksync-node24-"));
  ensureBuilt();
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Node 24", () => {
  it("TASKSYNC_TEST_NODE names a Node 24 binary", () => {
    expect(process.env["TASKSYNC_TEST_NODE"]).toBe(NODE);
    expect(execFileSync(NODE, ["--version"], { encoding: "utf8" })).toMatch(/^v24\./);
  });

  it("the server process the e2e harness starts runs on that binary", async () => {
    const app = await startApp("1", "node24-secret");
    try {
      await healthy(app);
      expect(realpathSync(readlinkSync(`/proc/${app.child.pid}/exe`))).toBe(realpathSync(NODE));
    } finally {
      app.child.kill("SIGKILL");
      rmSync(app.cwd, { recursive: true, force: true });
    }
  }, 60_000);

  it("npm install -g ./tasksync-*.tgz with Node 24's npm prints no warning, and tasksync runs", () => {
    const env = npmEnv();
    // dist/ is fresh (ensureBuilt), so the pack skips `prepack`'s second build
    const packed = JSON.parse(
      execFileSync(NPM, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
        cwd: ROOT,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 120_000,
      }),
    ) as Array<{ filename: string }>;
    const tarball = join(dir, packed[0]?.filename ?? "");
    const prefix = join(dir, "prefix");
    const install = spawnSync(NPM, ["install", "-g", "--prefix", prefix, "--prefer-offline", tarball], {
      cwd: dir,
      env,
      encoding: "utf8",
      timeout: 240_000,
    });
    const log = `${install.stdout}${install.stderr}`;
    if (install.status !== 0) throw new Error(`npm install -g failed:\n${log}`);
    // the npm that installed runs on Node 24 (on Node 20 the same install warns EBADENGINE)
    const versions = JSON.parse(execFileSync(NPM, ["version", "--json"], { cwd: dir, env, encoding: "utf8" })) as {
      node: string;
    };
    expect(versions.node).toMatch(/^24\./);
    expect(log.split("\n").filter((line) => /^npm (warn|err)/i.test(line))).toEqual([]);

    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    const bin = join(prefix, "bin/tasksync");
    expect(execFileSync(bin, ["--version"], { env, encoding: "utf8" })).toBe(`tasksync ${version}\n`);
    expect(execFileSync(bin, ["parse", join(ROOT, "demo/tasks.md")], { env, encoding: "utf8" })).toContain(
      "Reading list (spec-kit, 11 tasks, 5 phases)",
    );
  }, 300_000);
});
