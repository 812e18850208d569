/** The worker thread behind parseTaskListOffThread: parses one list per message. */
import { parentPort } from "node:worker_threads";
import { parseTaskList } from "./parse-tasks.js";

interface Request {
  id: number;
  path: string;
  text: string;
}

parentPort?.on("message", (request: Request) => {
  try {
    parentPort?.postMessage({ id: request.id, doc: parseTaskList(request.path, request.text) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
