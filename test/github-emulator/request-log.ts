/** Every request the emulator answered: for tests and benchmarks to count calls. */

export interface LoggedRequest {
  method: string;
  path: string;
  /** e.g. "POST /repos/{owner}/{repo}/issues"; unmatched requests keep their path */
  route: string;
  status: number;
  at: number;
  durationMs: number;
  actor: string;
  /** the JSON body sent, and the JSON body answered (for checks against GitHub's REST description) */
  requestBody?: unknown;
  responseBody?: unknown;
}

export const TOKEN_ROUTE = "POST /app/installations/{installation_id}/access_tokens";
export const GRAPHQL_ROUTE = "POST /graphql";

export interface Counts {
  total: number;
  byRoute: Record<string, number>;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  /** every request since the emulator started: `reset()` does not clear it (conformance checks read it) */
  readonly history: LoggedRequest[] = [];
  /** graphql requests that were mutations (counted as writes) */
  private graphqlMutations = new WeakSet<LoggedRequest>();
  onEntry: ((e: LoggedRequest) => void) | undefined;

  add(entry: LoggedRequest, graphqlMutation = false): void {
    this.entries.push(entry);
    this.history.push(entry);
    if (graphqlMutation) this.graphqlMutations.add(entry);
    this.onEntry?.(entry);
  }

  reset(): void {
    this.entries.length = 0;
  }

  counts(): Counts {
    const c: Counts = { total: 0, byRoute: {}, byMethod: {}, byStatus: {} };
    for (const e of this.entries) {
      c.total++;
      c.byRoute[e.route] = (c.byRoute[e.route] ?? 0) + 1;
      c.byMethod[e.method] = (c.byMethod[e.method] ?? 0) + 1;
      c.byStatus[String(e.status)] = (c.byStatus[String(e.status)] ?? 0) + 1;
    }
    return c;
  }

  count(route: string): number {
    return this.entries.filter((e) => e.route === route).length;
  }

  /** requests that change state: non-GET, without app token requests or GraphQL queries */
  writes(): number {
    return this.entries.filter((e) => isWrite(e) && (e.route !== GRAPHQL_ROUTE || this.graphqlMutations.has(e))).length;
  }

  reads(): number {
    return this.entries.filter(
      (e) => e.method === "GET" || (e.route === GRAPHQL_ROUTE && !this.graphqlMutations.has(e)),
    ).length;
  }
}

function isWrite(e: LoggedRequest): boolean {
  return e.method !== "GET" && e.method !== "HEAD" && e.route !== TOKEN_ROUTE;
}
