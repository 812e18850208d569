/**
 * `npm pack` gives a package that runs with production dependencies only: the package is
 * unpacked, its dependencies installed from the lockfile with --omit=dev (offline, from npm's
 * cache: tests never reach the network), and `tasksync --version` and `tasksync parse FILE` run.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./action-runner.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
let dir: string;
let pkg: string;
let installLog: string;
let packedFiles: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tasksync-pack-"));
  // `prepack` builds dist/ (the dev dependencies are here), then the package is packed.
  const packed = JSON.parse(
    execFileSync(NPM, ["pack", "--json", "--pack-destination", dir], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 240_000,
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(dir, packed[0]?.filename ?? "");
  packedFiles = (packed[0]?.files ?? []).map((f) => f.path);
  pkg = join(dir, "package");
  mkdirSync(pkg);
  execFileSync("tar", ["xzf", tarball, "-C", pkg, "--strip-components=1"]);
  copyFileSync(join(ROOT, "package-lock.json"), join(pkg, "package-lock.json"));
  const install = spawnSync(NPM, ["ci", "--omit=dev", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: pkg,
    encoding: "utf8",
    timeout: 240_000,
  });
  installLog = `${install.stdout}${install.stderr}`;
  if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${installLog}`);
}, 480_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("holds the build and the bins, not the sources or tests", () => {
    expect(existsSync(join(pkg, "dist/src/cli/main.js"))).toBe(true);
    expect(existsSync(join(pkg, "bin/tasksync.js"))).toBe(true);
    expect(existsSync(join(pkg, "bin/tasksync-server.js"))).toBe(true);
    expect(existsSync(join(pkg, "src"))).toBe(false);
    expect(existsSync(join(pkg, "test"))).toBe(false);
  });

  it("installs with production dependencies only, without an engine warning", () => {
    expect(installLog).not.toContain("EBADENGINE");
    expect(existsSync(join(pkg, "node_modules/probot"))).toBe(true);
    expect(existsSync(join(pkg, "node_modules/typescript"))).toBe(false);
    expect(existsSync(join(pkg, "node_modules/jest"))).toBe(false);
  });

  it("runs tasksync --version and tasksync parse FILE", () => {
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(execFileSync(process.execPath, [join(pkg, "bin/tasksync.js"), "--version"], { encoding: "utf8" })).toBe(
      `tasksync ${version}\n`,
    );
    const parsed = execFileSync(
      process.execPath,
      [join(pkg, "bin/tasksync.js"), "parse", join(ROOT, "demo/tasks.md")],
      { encoding: "utf8" },
    );
    expect(parsed).toContain("Reading list (spec-kit, 11 tasks, 5 phases)");
  });

  it("runs no script of its own on install, and bundles the one dependency that has an install script", () => {
    // npm (11.16 and later) warns about every install script in the tree that no allowScripts
    // entry covers, and a global install has no project package.json to hold one.
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
      bundleDependencies: string[];
    };
    for (const hook of ["preinstall", "install", "postinstall", "prepare"])
      expect(manifest.scripts[hook]).toBeUndefined();
    expect(manifest.bundleDependencies).toEqual(["msgpackr-extract"]);
    expect(packedFiles).toContain("node_modules/msgpackr-extract/package.json");
  });
});
