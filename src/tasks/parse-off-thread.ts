/**
 * Parsing a very large task list off the event loop. A list of realistic size (a few hundred
 * tasks) parses in milliseconds and stays on the calling thread; above `OFF_THREAD_BYTES` the
 * parse runs in one shared worker thread, so webhooks keep being answered while a 5,000-task
 * list is read. The worker is started on first use and does not keep the process alive.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TaskDocument } from "./model.js";
import { parseTaskList } from "./parse-tasks.js";

/** Lists larger than this (UTF-16 code units, ≈ bytes) are parsed in the worker: about 1,000 tasks. */
export const OFF_THREAD_BYTES = 96 * 1024;

type Reply = { id: number; doc: TaskDocument; error?: never } | { id: number; error: string; doc?: never };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (doc: TaskDocument) => void; reject: (error: Error) => void }>();

/**
 * The worker script beside this module: compiled (.js), or the source under tsx (tests, dev);
 * null where there is neither (the Action's single-file bundle, which has no webhooks to answer).
 */
function workerScript(): { compiled: URL } | { source: string } | null {
  const compiled = new URL("./parse-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { compiled };
  const source = new URL("./parse-worker.ts", import.meta.url);
  return existsSync(fileURLToPath(source)) ? { source: source.href } : null;
}

function startWorker(script: { compiled: URL } | { source: string }): Worker {
  const started =
    "compiled" in script
      ? new Worker(script.compiled)
      : new Worker(
          `import("tsx/esm/api").then((tsx) => tsx.tsImport(${JSON.stringify(script.source)}, ${JSON.stringify(script.source)}))`,
          { eval: true },
        );
  started.unref();
  started.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.doc) waiting.resolve(reply.doc);
    else waiting.reject(new Error(reply.error));
    if (pending.size === 0) started.unref();
  });
  const fail = (error: Error): void => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = null;
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`task-list parser worker exited with code ${code}`)));
  return started;
}

/** parseTaskList, in the worker thread when the text is large. Same result either way. */
export function parseTaskListOffThread(
  path: string,
  text: string,
  threshold = OFF_THREAD_BYTES,
): Promise<TaskDocument> {
  if (text.length < threshold) return Promise.resolve(parseTaskList(path, text));
  if (worker === null) {
    const script = workerScript();
    if (script === null) return Promise.resolve(parseTaskList(path, text));
    worker = startWorker(script);
  }
  const id = nextId++;
  const running = worker;
  running.ref(); // keep the process alive while a parse is pending
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    running.postMessage({ id, path, text });
  });
}

/** Stops the worker (tests, shutdown). */
export async function stopParseWorker(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) {
    running.removeAllListeners("exit");
    await running.terminate();
  }
}
