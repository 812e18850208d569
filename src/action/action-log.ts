/**
 * The Action's logger: one readable line per record on standard output (the runner adds the
 * time), and the warnings and errors kept for the job summary.
 */
import pino, { type Logger } from "pino";
import { prettyFactory } from "pino-pretty";

export interface LoggedProblem {
  level: "warn" | "error";
  msg: string;
}

export interface ActionLog {
  log: Logger;
  problems: LoggedProblem[];
}

export function actionLog(
  level: string,
  write: (line: string) => void = (line) => process.stdout.write(line),
): ActionLog {
  const problems: LoggedProblem[] = [];
  const format = prettyFactory({ colorize: false, singleLine: true, ignore: "pid,hostname,time" });
  const stream = {
    write(line: string): void {
      try {
        const record = JSON.parse(line) as { level?: number; msg?: string };
        const lvl = record.level ?? 0;
        if (lvl >= 40) problems.push({ level: lvl >= 50 ? "error" : "warn", msg: record.msg ?? "" });
      } catch {
        // not JSON: printed as it is below
      }
      write(format(line));
    },
  };
  return { log: pino({ level }, stream), problems };
}
