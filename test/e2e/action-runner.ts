/**
 * Runs the committed Action bundle the way a GitHub runner does: `node dist/action/index.js`
 * with the workflow's environment (event name and payload file, repository, API address, the
 * token as INPUT_GITHUB-TOKEN, output and summary files), against the local GitHub emulator.
 * The event payloads are the emulator's own webhooks, which is what a workflow receives.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { WebhookEvent } from "../github-emulator/index.js";
import { testNode } from "../support/test-node.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BUNDLE = join(ROOT, "dist/action/index.js");

export interface ActionRun {
  code: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Reads the GITHUB_OUTPUT file (`name<<DELIMITER\nvalue\nDELIMITER` entries). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(pattern)) outputs[m[1] as string] = m[3] as string;
  return outputs;
}

export async function runActionBundle(options: {
  apiUrl: string;
  repository: string;
  token: string;
  event: WebhookEvent | { name: string; payload: Record<string, unknown> };
  inputs?: Record<string, string>;
}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "tasksync-action-"));
  try {
    const eventPath = join(dir, "event.json");
    const outputPath = join(dir, "output");
    const summaryPath = join(dir, "summary.md");
    writeFileSync(eventPath, JSON.stringify(options.event.payload));
    writeFileSync(outputPath, "");
    writeFileSync(summaryPath, "");
    const inputs = Object.fromEntries(
      Object.entries(options.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: options.event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: options.repository,
      GITHUB_API_URL: options.apiUrl,
      GITHUB_RUN_ID: "4242",
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      "INPUT_GITHUB-TOKEN": options.token,
      TASKSYNC_WRITE_PAUSE_MS: "0",
      TASKSYNC_THROTTLE: "off",
      ...inputs,
    };
    const child = spawn(testNode(), [BUNDLE], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return {
      code,
      stdout,
      summary: readFileSync(summaryPath, "utf8"),
      outputs: parseOutputs(readFileSync(outputPath, "utf8")),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
