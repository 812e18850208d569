/** What a CLI command is: a name, a one-line summary, usage text and a run function. */
import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import type { ProgressStream } from "./sync-progress.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** Where `tasksync sync` draws its progress (standard error; none when absent). */
  progress?: ProgressStream;
  /** Standard input, for `-` as a FILE. */
  readStdin?: () => Promise<string>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full help text, printed by `tasksync <command> --help`. */
  usage: string;
  /** Returns the exit code: 0 ok, 1 findings (e.g. lint errors), 2 usage or I/O error. */
  run(args: string[], io: CliIo): Promise<number>;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, "utf8"),
  progress: process.stderr,
  readStdin: () => text(process.stdin),
};

/** Reads a task file; on failure writes one line to stderr and returns null (exit code 2). */
export async function readTaskFile(path: string, io: CliIo): Promise<string | null> {
  try {
    if (path === "-") return await (io.readStdin ?? (() => Promise.reject(new Error("no standard input"))))();
    return await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    io.stderr(`tasksync: cannot read ${path}: ${reason}\n`);
    return null;
  }
}

/** Splits args into flags (--x) and positionals; `--` ends flags. */
export function splitArgs(args: string[]): { flags: Set<string>; positionals: string[] } {
  const flags = new Set<string>();
  const positionals: string[] = [];
  let rest = false;
  for (const arg of args) {
    if (!rest && arg === "--") rest = true;
    else if (!rest && arg.startsWith("-") && arg !== "-") flags.add(arg);
    else positionals.push(arg);
  }
  return { flags, positionals };
}

export function usageError(command: CliCommand, message: string, io: CliIo): number {
  io.stderr(`tasksync ${command.name}: ${message}\n${command.usage}`);
  return 2;
}
