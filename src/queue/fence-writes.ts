/**
 * Fencing a job that lost its repository's lane lock (its lease lapsed, e.g. while the event
 * loop stalled, and another replica may have taken the repository): from then on its client
 * sends no write. Reads still go out; the job fails at its next write with LeaseLostError and
 * runs again later, when the reconcile re-observes both sides — no two replicas write to one
 * repository at once.
 */
import type { JobLease } from "./work-queue.js";

export class LeaseLostError extends Error {
  constructor(route: string) {
    super(
      `not sent: ${route}: this job lost its repository's lane lock (another replica may hold it); the job runs again`,
    );
    this.name = "LeaseLostError";
  }
}

interface HookedClient {
  hook: { before(name: "request", hook: (options: { method: string; url: string }) => void): void };
}

export function fenceWrites(octokit: HookedClient, lease: JobLease): void {
  octokit.hook.before("request", (options) => {
    if (!lease.lost) return;
    const method = options.method.toUpperCase();
    const isRead =
      method === "GET" ||
      method === "HEAD" ||
      (method === "POST" && options.url === "/graphql" && !isMutation(options));
    if (!isRead) throw new LeaseLostError(`${method} ${options.url}`);
  });
}

/** A GraphQL request whose document is a mutation (queries are reads). */
function isMutation(options: object): boolean {
  const query = (options as { query?: unknown }).query;
  return typeof query === "string" && /^\s*(#[^\n]*\n\s*)*mutation\b/.test(query);
}
