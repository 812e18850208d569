/** `tasksync graph FILE`: a Mermaid flowchart of phases and task dependencies. */
import { documentStateLines } from "../tasks/graph/mermaid-states.js";
import { fileReadiness } from "../tasks/graph/readiness.js";
import { toMermaid } from "../tasks/graph/mermaid-graph.js";
import { parseTaskList } from "../tasks/parse-tasks.js";
import { readTaskFile, splitArgs, usageError, type CliCommand } from "./command.js";

export const graphCommand: CliCommand = {
  name: "graph",
  summary: "print a Mermaid flowchart of phases and task dependencies",
  usage: `Usage: tasksync graph FILE      (FILE "-" reads standard input)

Prints a Mermaid "flowchart TD": one subgraph per phase, phase-order edges between
subgraphs, explicit task dependencies as solid arrows and xe in-step order as dotted ones;
tasks and phases coloured done, ready (every blocker done) or blocked.
`,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args);
    if (flags.size > 0) return usageError(this, `unknown option ${[...flags][0]}`, io);
    if (positionals.length !== 1) return usageError(this, "expects exactly one FILE", io);
    const file = positionals[0] as string;
    const text = await readTaskFile(file, io);
    if (text === null) return 2;
    const doc = parseTaskList(file, text);
    const states = documentStateLines(doc, fileReadiness(doc), {
      task: (id) => `t_${id}`,
      phase: (index) => `p_${index}`,
    });
    io.stdout(`${toMermaid(doc)}${states.join("\n")}\n`);
    return 0;
  },
};
