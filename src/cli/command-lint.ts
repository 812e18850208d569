/** `tasksync lint FILE...`: diagnostics as `file:line: severity: message`; exit 1 on an error. */
import { hasErrors } from "../tasks/model.js";
import { parseTaskList } from "../tasks/parse-tasks.js";
import { readTaskFile, splitArgs, usageError, type CliCommand } from "./command.js";

export const lintCommand: CliCommand = {
  name: "lint",
  summary: "check task lists: duplicate ids, unknown dependencies, cycles, checkboxes without ids",
  usage: `Usage: tasksync lint FILE...      (FILE "-" reads standard input)

Prints one "file:line: severity: message" line per finding. Exit 0 when no file has an
error (warnings allowed), 1 when any has an error, 2 when a file cannot be read.
`,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args);
    if (flags.size > 0) return usageError(this, `unknown option ${[...flags][0]}`, io);
    if (positionals.length === 0) return usageError(this, "expects at least one FILE", io);
    let unreadable = false;
    let errors = false;
    for (const file of positionals) {
      const text = await readTaskFile(file, io);
      if (text === null) {
        unreadable = true;
        continue;
      }
      const doc = parseTaskList(file, text);
      for (const d of doc.diagnostics) io.stdout(`${file}:${d.line}: ${d.severity}: ${d.message}\n`);
      if (hasErrors(doc)) errors = true;
    }
    return unreadable ? 2 : errors ? 1 : 0;
  },
};
