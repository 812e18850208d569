/**
 * Progress of `tasksync sync`, read from the reconcile's own log records: each list's "planned"
 * record adds its operations to the total, each applied operation's record (it carries `op`)
 * moves the count. On a terminal a cli-progress bar with the count and the time left; elsewhere
 * (CI logs) the same facts as a line every few seconds. Records at LOG_LEVEL or above are
 * still written to standard error as JSON.
 */
import cliProgress from "cli-progress";
import pino, { type Logger } from "pino";

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface SyncProgress {
  log: Logger;
  /** Ends the bar (or the periodic line); call before printing the summary. */
  stop(): void;
}

const LEVELS: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

export function syncProgress(
  stream: ProgressStream,
  logLevel: string,
  everyMs = 3000,
  logOut: (line: string) => void = (line) => void process.stderr.write(line),
): SyncProgress {
  const tty = stream.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      noTTYOutput: true,
      notTTYSchedule: everyMs,
      format: tty
        ? "{bar} {value}/{total} changes | {eta_formatted} left | {file}"
        : "tasksync: {value}/{total} changes applied, about {eta_formatted} left ({file})",
      hideCursor: tty,
      clearOnComplete: tty,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let total = 0;
  const threshold = LEVELS[logLevel] ?? LEVELS.warn!;
  const sink = {
    write(line: string): void {
      let record: { level?: number; msg?: string; operations?: unknown; op?: unknown; file?: unknown };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        return;
      }
      const file = typeof record.file === "string" ? record.file : "";
      if (record.msg === "planned" && typeof record.operations === "number" && record.operations > 0) {
        total += record.operations;
        if (!started) {
          bar.start(total, 0, { file });
          started = true;
        } else {
          bar.setTotal(total);
          bar.update({ file });
        }
      } else if (started && typeof record.op === "string") {
        bar.increment(1, { file });
      }
      if ((record.level ?? 0) >= threshold) {
        if (started && tty) stream.write("\n");
        logOut(line);
      }
    },
  };
  return {
    log: pino({ level: threshold < 30 ? logLevel : "info" }, sink),
    stop: () => {
      if (started) bar.stop();
    },
  };
}
