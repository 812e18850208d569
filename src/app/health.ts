/**
 * GET /healthz for load balancers: 200 with the queue's size while the process serves. With
 * Redis it also shows the jobs of every replica by state and the latest that failed for good
 * (with their error); 503 when Redis does not answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WorkQueue } from "../queue/work-queue.js";

export function healthHandler(queue: WorkQueue) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/healthz") return false;
    let body: Record<string, unknown> = { status: "ok", queued: queue.size() };
    let status = 200;
    try {
      const { engine, ...jobs } = await queue.health();
      if (engine !== "memory") body = { ...body, engine, ...jobs };
    } catch (error) {
      status = 503;
      body = { status: "work queue unreachable", error: error instanceof Error ? error.message : String(error) };
    }
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    return true;
  };
}
