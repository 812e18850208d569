/** `tasksync parse FILE [--json]`: the parsed model. */
import { toDocumentJson } from "../tasks/document-json.js";
import { parseTaskList } from "../tasks/parse-tasks.js";
import { readTaskFile, splitArgs, usageError, type CliCommand } from "./command.js";

export const parseCommand: CliCommand = {
  name: "parse",
  summary: "print the parsed task list (tasks, phases, dependencies, diagnostics)",
  usage: `Usage: tasksync parse FILE [--json]      (FILE "-" reads standard input)

  --json   the model as JSON: { version, path, format ("spec-kit" | "xe"), feature, phases,
           tasks, taskEdges, phaseEdges, diagnostics }. Each task has at least id, line
           (1-based), checked, parallel, story (or null), phase (its section title or null)
           and blockedBy. blockedBy holds task-level blockers only (explicit statements and,
           in xe, the order inside a step); what phase order implies is in phaseEdges and in
           each phase's blockedBy (phase indexes), not repeated on every task.
`,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args);
    const unknown = [...flags].filter((f) => f !== "--json");
    if (unknown.length > 0) return usageError(this, `unknown option ${unknown[0]}`, io);
    if (positionals.length !== 1) return usageError(this, "expects exactly one FILE", io);
    const file = positionals[0] as string;
    const text = await readTaskFile(file, io);
    if (text === null) return 2;
    const doc = parseTaskList(file, text);
    if (flags.has("--json")) {
      io.stdout(`${JSON.stringify(toDocumentJson(doc), null, 2)}\n`);
      return 0;
    }
    const lines = [`${doc.feature.title} (${doc.dialect}, ${doc.tasks.length} tasks, ${doc.phases.length} phases)`];
    let phase: number | null | undefined;
    for (const task of doc.tasks) {
      if (task.phaseIndex !== phase) {
        phase = task.phaseIndex;
        const p = phase === null ? undefined : doc.phases[phase];
        lines.push(p ? `\n${p.heading}` : "\n(no phase)");
      }
      const box = task.marker === "" ? "   " : `[${task.marker}]`;
      const flagsText = [task.parallel ? "P" : "", task.story ?? ""].filter(Boolean).join(" ");
      const blocked = task.blockedBy.length > 0 ? `  ⟵ ${task.blockedBy.join(", ")}` : "";
      lines.push(`  ${box} ${task.id}${flagsText ? ` (${flagsText})` : ""} ${task.description}${blocked}`);
    }
    for (const d of doc.diagnostics) lines.push(`${file}:${d.line}: ${d.severity}: ${d.message}`);
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
