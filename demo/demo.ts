/**
 * `npm run demo`: tasksync end to end on this machine — no GitHub account, no network. See
 * run-demo.ts for the steps. Exits 0 when every step happened, 1 (with the step) otherwise.
 */
import { DemoError, runDemo } from "./run-demo.js";

const LIMIT_MS = 120_000;
const started = Date.now();
const watchdog = setTimeout(() => {
  console.error(`\ndemo failed: it did not finish within ${LIMIT_MS / 1000} s`);
  process.exit(1);
}, LIMIT_MS);
watchdog.unref();

try {
  await runDemo();
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = 0;
} catch (error) {
  const what = error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`\ndemo failed: ${what}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
