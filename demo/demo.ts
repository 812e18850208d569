/**
 * `npm run demo`: tasksync end to end on this machine — no GitHub account, no network. See
 * run-demo.ts for the steps. Exits 0 when every step happened, 1 (with the step) otherwise.
 */
import { DemoError, runDemo } from "./run-demo.js";

const started = Date.now();
try {
  await runDemo();
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = 0;
} catch (error) {
  const what = error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`\ndemo failed: ${what}`);
  process.exitCode = 1;
}
