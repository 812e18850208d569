/**
 * `npm run demo`: tasksync end to end on this machine — no GitHub account, no network. See
 * run-demo.ts for the steps. Exits 0 when every step happened, 1 (with the step) otherwise.
 * LOG_LEVEL=info (or debug) shows the app's log on standard error, one timestamped line a record.
 */
import { serverLog } from "../src/cli/server-log.js";
import { DemoError, runDemo } from "./run-demo.js";

const LIMIT_MS = 120_000;
const started = Date.now();
const watchdog = setTimeout(() => {
  console.error(`\ndemo failed: it did not finish within ${LIMIT_MS / 1000} s`);
  process.exit(1);
}, LIMIT_MS);
watchdog.unref();

try {
  const level = process.env.LOG_LEVEL;
  await runDemo(
    undefined,
    level
      ? {
          appLog: serverLog(
            { level, format: process.env.LOG_FORMAT ?? "pretty" },
            (line) => void process.stderr.write(line),
          ),
        }
      : {},
  );
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = 0;
} catch (error) {
  const what =
    error instanceof DemoError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`\ndemo failed: ${what}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
