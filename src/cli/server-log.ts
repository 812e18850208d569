/**
 * The server's logger (`npm start`, the Docker image): pino, one JSON object a line with
 * LOG_FORMAT=json, otherwise one readable line a record — a timestamp, the level, the message
 * and its fields on the same line (an applied operation is one line). Probot's own pretty
 * format drops the time and spreads fields over several lines.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import pino, { type Logger } from "pino";
import { prettyFactory } from "pino-pretty";

/** LOG_LEVEL / LOG_FORMAT as Probot will see them: a `.env` in the working folder wins. */
export function logSettings(env: NodeJS.ProcessEnv, dotenvPath = ".env"): { level: string; format: string } {
  const file = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, "utf8")) : {};
  return {
    level: file["LOG_LEVEL"] ?? env.LOG_LEVEL ?? "info",
    format: file["LOG_FORMAT"] ?? env.LOG_FORMAT ?? "pretty",
  };
}

export function serverLog(
  settings: { level: string; format: string },
  write: (line: string) => void = (line) => void process.stdout.write(line),
): Logger {
  if (settings.format === "json") return pino({ level: settings.level, name: "probot" }, { write });
  const format = prettyFactory({
    colorize: false,
    singleLine: true,
    translateTime: "SYS:yyyy-mm-dd HH:MM:ss.l",
    ignore: "pid,hostname,req,res,responseTime",
  });
  return pino({ level: settings.level, name: "probot" }, { write: (line: string) => write(format(line)) });
}
