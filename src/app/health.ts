/** GET /healthz for load balancers: 200 with the queue's size while the process serves. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WorkQueue } from "../queue/work-queue.js";

export function healthHandler(queue: WorkQueue) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", queued: queue.size() }));
    return true;
  };
}
