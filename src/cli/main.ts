/**
 * CLI entry: `tasksync <command> [args]`. Commands live in one table; adding a command (plan,
 * sync ...) is one import and one entry.
 */
import { graphCommand } from "./command-graph.js";
import { lintCommand } from "./command-lint.js";
import { parseCommand } from "./command-parse.js";
import { processIo, type CliCommand, type CliIo } from "./command.js";
import { planCommand, syncCommand } from "./command-sync.js";
import { unlinkCommand } from "./command-unlink.js";
import { adoptCommand } from "./command-adopt.js";
import { describeFailure } from "./request-failure.js";
import { packageVersion } from "./version.js";

export const commands: Record<string, CliCommand> = {
  parse: parseCommand,
  lint: lintCommand,
  graph: graphCommand,
  plan: planCommand,
  sync: syncCommand,
  unlink: unlinkCommand,
  adopt: adoptCommand,
};

export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const rows = Object.values(commands).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: tasksync <command> [options]

Commands:
${rows.join("\n")}

Run "tasksync <command> --help" for a command's options; "tasksync --version" prints the version.
`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(helpText());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(helpText());
    return 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout(`tasksync ${packageVersion()}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`tasksync: unknown command "${name}"\n${helpText()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    io.stderr(`tasksync ${command.name}: ${describeFailure(error)}\n`);
    return 2;
  }
}
