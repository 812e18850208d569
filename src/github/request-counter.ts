/** Counts the requests a client sends, by method, so each reconcile can report what it spent. */
import type { GitHubClient } from "./client.js";

export interface RequestCounts {
  reads: number;
  writes: number;
}

export function countRequests<T extends GitHubClient>(gh: T): { client: T; counts: RequestCounts } {
  const counts: RequestCounts = { reads: 0, writes: 0 };
  const request = ((route: unknown, params?: unknown) => {
    const method = typeof route === "string" ? route.split(" ")[0] : (route as { method?: string } | undefined)?.method;
    if (!method || method.toUpperCase() === "GET") counts.reads += 1;
    else counts.writes += 1;
    return (gh.request as (r: unknown, p?: unknown) => Promise<unknown>)(route, params);
  }) as unknown as T["request"];
  const client = new Proxy(gh, {
    get(target, prop, receiver) {
      if (prop === "request")
        return Object.assign(request, { endpoint: gh.request.endpoint, defaults: gh.request.defaults });
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { client, counts };
}
