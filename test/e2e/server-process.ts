/**
 * The app as `npm start` runs it — `node bin/tasksync-server.js` (Probot's `run` on dist/src/index.js
 * with tasksync's logger) in its own process — pointed at
 * the local GitHub emulator through GHE_HOST / GHE_PROTOCOL: build it, start it, read its JSON logs.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { appEnv, collectLogs } from "../support/app-process.js";
import { freePort } from "../support/free-port.js";
import { testNode } from "../support/test-node.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRY = join(ROOT, "dist/src/index.js");
/** What `npm start` and the Docker image run. */
const SERVER = join(ROOT, "bin/tasksync-server.js");

/** Newest modification time of the TypeScript sources under a folder. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm start` runs the build in dist/: build it when it is missing or older than src/. */
export function ensureBuilt(): void {
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSource(join(ROOT, "src"))) return;
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      timeout: 180_000,
      stdio: "pipe",
    });
  } catch (error) {
    // tsc emits despite type errors (npm test type-checks on its own); only a missing build is fatal here
    if (!existsSync(ENTRY)) throw error;
  }
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  logs: Array<Record<string, unknown>>;
  stderr: string;
  cwd: string;
}

/** Starts the server ({@link testNode}) on a free port, in an empty folder (no .env, no package.json, no .pem). */
export async function startApp(
  emulatorPort: string,
  secret: string,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), "tasksync-server-"));
  const child = spawn(testNode(), [SERVER], {
    cwd,
    env: { ...appEnv(cwd, port, `127.0.0.1:${emulatorPort}`, secret), TASKSYNC_BATCH_WINDOW_MS: "200", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started: AppProcess = { child, url: `http://127.0.0.1:${port}`, logs: [], stderr: "", cwd };
  collectLogs(child, started);
  return started;
}

/** Polls `probe` until it gives a value; on timeout, throws with the app's warnings and stderr. */
export async function waitFor<T>(
  app: AppProcess | undefined,
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const problems = (app?.logs ?? [])
        .filter((l) => Number(l["level"]) >= 40)
        .slice(-10)
        .map((l) => JSON.stringify(l));
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}\n--- app warnings and errors ---\n${problems.join("\n")}\n--- app stderr ---\n${app?.stderr ?? ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits until the server answers GET /healthz (throws if it exits first). */
export async function healthy(app: AppProcess): Promise<void> {
  await waitFor(
    app,
    "GET /healthz",
    async () => {
      if (app.child.exitCode !== null) throw new Error(`the app exited with ${app.child.exitCode}:\n${app.stderr}`);
      try {
        return (await fetch(`${app.url}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    30_000,
  );
}
