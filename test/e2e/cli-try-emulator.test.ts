/**
 * README "Try the CLI": `npm run emulator -- --seed demo/` prints the lines to paste; pasted,
 * they plan and then sync the demo list against the seeded repository.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { CliIo } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./action-runner.js";

let child: ChildProcess | undefined;
const saved = { ...process.env };
afterEach(() => {
  child?.kill("SIGTERM");
  child = undefined;
  process.env = { ...saved };
});

/** Starts the emulator as the README says and resolves with what it printed once the commands are out. */
function startSeeded(): Promise<string> {
  child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["test/github-emulator/main.ts", "--seed", "demo/", "--quiet"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child?.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/npx tasksync sync .*\n/.test(out)) resolve(out);
    });
    child?.on("exit", (code) => reject(new Error(`emulator exited (${code}) before printing the commands:\n${out}`)));
  });
}

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: () => Promise.reject(new Error("not used")),
  };
  return io;
}

describe("npm run emulator -- --seed demo/", () => {
  it("prints a URL, a token and the plan/sync commands, which work as pasted", async () => {
    const printed = await startSeeded();
    expect(printed).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(printed).toContain("Seeded octo/demo with specs/001-reading-list/tasks.md");
    const exported = /export (.+)\n/.exec(printed)?.[1] ?? "";
    for (const pair of exported.split(" ")) {
      const [name = "", value = ""] = pair.split("=");
      process.env[name] = value;
    }
    expect(process.env.GITHUB_TOKEN).toMatch(/^ghp_/);
    const commands = [...printed.matchAll(/npx tasksync (.+)\n/g)].map((m) => (m[1] ?? "").split(" "));
    expect(commands.map((c) => c[0])).toEqual(["plan", "sync"]);

    const plan = captureIo();
    expect(await main(commands[0] ?? [], plan)).toBe(0);
    expect(plan.out).toContain("specs/001-reading-list/tasks.md: ");
    expect(plan.out).toMatch(/dry run: \d+ operation\(s\) planned/);
    const sync = captureIo();
    expect(await main(commands[1] ?? [], sync)).toBe(0);
    expect(sync.out).toMatch(/synced: 17 created/);
    const again = captureIo();
    expect(await main(commands[0] ?? [], again)).toBe(0);
    expect(again.out).toContain("specs/001-reading-list/tasks.md: in sync");
  });
});
