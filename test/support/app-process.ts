/** The app as a child process in e2e tests: its environment, and its JSON log lines collected. */
import type { ChildProcess } from "node:child_process";
import { testPrivateKey } from "./test-key.js";

/** What `probot run` needs to serve on `port` against the emulator at `emulatorHost` (no .env: `cwd` is empty). */
export function appEnv(cwd: string, port: number, emulatorHost: string, secret: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "",
    HOME: cwd,
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: secret,
    GHE_HOST: emulatorHost,
    GHE_PROTOCOL: "http",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    // The emulator enforces no content limits unless a test asks it to: no pacing budget either
    // (its own tests cover it), so e2e runs are not held to 80 writes a minute.
    TASKSYNC_CONTENT_PER_MINUTE: "100000",
    TASKSYNC_CONTENT_PER_HOUR: "100000",
  };
}

export interface LoggedProcess {
  logs: Array<Record<string, unknown>>;
  stderr: string;
}

/** Collects the child's stdout JSON lines into `into.logs` (other lines, and stderr, into `into.stderr`). */
export function collectLogs(child: ChildProcess, into: LoggedProcess): void {
  let partial = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        into.logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        into.stderr += `${line}\n`;
      }
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    into.stderr += chunk;
  });
}
