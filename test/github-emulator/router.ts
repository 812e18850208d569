/**
 * A tiny method + path-template router. Templates use GitHub's OpenAPI names; `{name+}` matches
 * across slashes (file paths, branch names) and is shown as `{name}` in the request log.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Actor, RepoRecord, UserRecord } from "./store/records.js";
import type { State } from "./store/state.js";

/** who may call a route: the app itself (JWT), an installation only, or anyone with repo access */
export type RouteAuth = "app" | "installation" | "repo" | "any";

export interface RequestContext {
  state: State;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  actor: Actor;
  /** absolute URL as the client sent it (for Link headers) */
  url: URL;
  /** the repository of `{owner}/{repo}` routes (checked by the server before the handler runs) */
  repo: RepoRecord;
  /** the user acting: the app's bot for an installation token, the person for a user token */
  sender: UserRecord;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** raw text body (e.g. `application/vnd.github.raw`) */
  raw?: string | Buffer;
}

export type Handler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

export interface RouteOptions {
  auth?: RouteAuth;
  /** installation permission the route needs ("contents", "issues", ...); reads need read, writes need write */
  permission?: string;
}

export interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  auth: RouteAuth;
  permission: string | undefined;
  handler: Handler;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  readonly routes: Route[] = [];

  add(method: string, template: string, options: RouteOptions, handler: Handler): void {
    const keys: string[] = [];
    const pattern = template
      .replace(/[.*?^$()|[\]\\]/g, "\\$&")
      .replace(/\{(\w+)(\+?)\}/g, (_m, key: string, greedy: string) => {
        keys.push(key);
        return greedy ? "(.+)" : "([^/]+)";
      });
    this.routes.push({
      method,
      template: template.replace(/\{(\w+)\+\}/g, "{$1}"),
      regex: new RegExp(`^${pattern}/?$`),
      keys,
      auth: options.auth ?? (template.startsWith("/repos/{owner}/{repo}") ? "repo" : "any"),
      permission: options.permission,
      handler,
    });
  }

  get(t: string, o: RouteOptions, h: Handler): void {
    this.add("GET", t, o, h);
  }
  post(t: string, o: RouteOptions, h: Handler): void {
    this.add("POST", t, o, h);
  }
  patch(t: string, o: RouteOptions, h: Handler): void {
    this.add("PATCH", t, o, h);
  }
  put(t: string, o: RouteOptions, h: Handler): void {
    this.add("PUT", t, o, h);
  }
  delete(t: string, o: RouteOptions, h: Handler): void {
    this.add("DELETE", t, o, h);
  }

  /** the first route matching method and path; `pathOnly` tells a 404 from a wrong method */
  match(method: string, path: string): Match | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, params };
    }
    return undefined;
  }
}
