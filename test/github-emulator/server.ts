/**
 * The HTTP side: parse, authenticate, apply faults, latency and limits, route, answer, log. A GET
 * answered 200 carries an ETag; sent back as If-None-Match on an unchanged answer it gets a 304
 * with no body, which costs no rate-limit point (GitHub's rule). `GET /rate_limit` is free too.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { authenticate, authorize } from "./auth.js";
import { HttpError } from "./errors.js";
import type { Faults } from "./faults.js";
import { SECONDARY_MESSAGE } from "./faults.js";
import type { GraphQLHandler } from "./graphql.js";
import { guid } from "./ids.js";
import { GRAPHQL_ROUTE, type RequestLog, TOKEN_ROUTE } from "./request-log.js";
import type { RequestContext, Router, RouteResult } from "./router.js";
import type { Actor } from "./store/records.js";
import type { State } from "./store/state.js";
import { hostHeaders, routeExists } from "./host-mode.js";
import { delayFor } from "./latency.js";

export interface ServerDeps {
  state: State;
  router: Router;
  faults: Faults;
  log: RequestLog;
  graphql: GraphQLHandler;
  strictTokens: boolean;
  /** called for requests no route answers (a missing endpoint should be obvious) */
  onUnmatched: (method: string, path: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function actorName(a: Actor): string {
  return a.kind === "installation"
    ? `installation:${a.installation.id}`
    : a.kind === "user"
      ? `user:${a.user.login}`
      : a.kind;
}

export function createEmulatorServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ message: `emulator error: ${e instanceof Error ? e.stack : String(e)}` }));
    });
  });
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state, router, faults, log } = deps;
  const started = Date.now();
  let requestBody: unknown;
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const prefix = url.pathname.startsWith("/api/v3/") || url.pathname === "/api/v3" ? "/api/v3" : "";
  const path = url.pathname.slice(prefix.length) || "/";
  const isGraphql = method === "POST" && (url.pathname === "/graphql" || url.pathname === "/api/graphql");
  const raw = await readBody(req);
  const isRead = method === "GET" || method === "HEAD";
  let notModified = false;

  let routeName = `${method} ${path}`;
  let actor: Actor = { kind: "anonymous" };
  let graphqlMutation = false;
  let result: RouteResult;
  const resource: "core" | "graphql" = isGraphql ? "graphql" : "core";

  try {
    const delay = faults.latencyMs + delayFor(faults.latency, isGraphql ? "graphql" : isRead ? "read" : "write");
    if (delay > 0) await sleep(delay);
    // Named by its route even when a fault answers it before routing (the conformance check reads it).
    const known = isGraphql ? undefined : router.match(method, path);
    if (isGraphql) routeName = GRAPHQL_ROUTE;
    else if (known) routeName = `${method} ${known.route.template}`;
    const forced = faults.nextRequest();
    if (forced !== undefined)
      throw new HttpError(
        forced,
        forced === 502 ? "Server Error" : forced === 503 ? "Service Unavailable" : "Internal Server Error",
      );
    let body: unknown;
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
        requestBody = body;
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
    }
    actor = authenticate(state, req.headers.authorization, deps.strictTokens);
    const owner = actorName(actor);

    if (isGraphql) {
      routeName = GRAPHQL_ROUTE;
      if (actor.kind === "anonymous") throw new HttpError(401, "This endpoint requires you to be authenticated.");
      if (actor.kind === "app") throw new HttpError(403, "Resource not accessible by integration");
      if (!faults.spendPrimary(owner)) throw primaryExceeded(actor);
      const query = (body as { query?: unknown } | undefined)?.query;
      if (typeof query === "string" && /^\s*mutation\b/.test(query)) {
        const refused = faults.checkSecondary();
        if (refused)
          throw new HttpError(refused.status, SECONDARY_MESSAGE, undefined, {
            "retry-after": String(refused.retryAfter),
          });
      }
      const out = deps.graphql.execute(body, actor);
      graphqlMutation = out.mutation;
      if (!out.ok) deps.onUnmatched("GRAPHQL", JSON.stringify(out.result["errors"]));
      result = { status: 200, body: out.result };
      // A mutation GitHub applied and then answered with a 5xx (a proxy timing out after the fact).
      const failAfter = out.mutation && out.ok ? faults.failAfterApply(method, "/graphql") : undefined;
      if (failAfter !== undefined)
        throw new HttpError(failAfter, failAfter === 504 ? "Gateway Timeout" : "Server Error");
    } else if (method === "GET" && path === "/rate_limit") {
      if (actor.kind === "anonymous") throw new HttpError(401, "Requires authentication");
      routeName = "GET /rate_limit";
      result = { status: 200, body: faults.rateLimitBody(owner) };
    } else {
      const found = router.match(method, path);
      const match = found && routeExists(state.hostMode, `${method} ${found.route.template}`) ? found : undefined;
      if (!match) {
        deps.onUnmatched(method, path);
        throw new HttpError(404, "Not Found");
      }
      routeName = `${method} ${match.route.template}`;
      const repo =
        match.params["owner"] !== undefined && match.params["repo"] !== undefined && match.route.auth === "repo"
          ? state.repo(match.params["owner"], match.params["repo"])
          : undefined;
      if (match.route.auth === "repo" && !repo) {
        if (actor.kind === "anonymous" && method !== "GET") throw new HttpError(401, "Requires authentication");
        throw new HttpError(404, "Not Found");
      }
      authorize(match.route, method, actor, repo);
      const costs = match.route.auth !== "app";
      // A conditional GET may be answered 304 and cost nothing: it is charged once its answer is known.
      if (costs && !(isRead ? faults.hasPrimary(owner) : faults.spendPrimary(owner))) throw primaryExceeded(actor);
      if (method !== "GET" && method !== "HEAD" && routeName !== TOKEN_ROUTE) {
        const refused = faults.checkSecondary();
        if (refused) {
          throw new HttpError(
            refused.status,
            SECONDARY_MESSAGE,
            undefined,
            { "retry-after": String(refused.retryAfter) },
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          );
        }
      }
      const sender = actor.kind === "installation" || actor.kind === "user" ? actor.user : state.defaultUser;
      const ctx: RequestContext = {
        state,
        method,
        params: match.params,
        query: url.searchParams,
        body,
        headers: req.headers,
        actor,
        url,
        repo: repo as NonNullable<typeof repo>,
        sender,
      };
      result = await match.route.handler(ctx);
      if (isRead && result.status === 200) {
        const etag = etagOf(result, req.headers.accept);
        result = { ...result, headers: { ...result.headers, etag } };
        notModified = ifNoneMatch(req.headers["if-none-match"], etag);
      }
      if (costs && isRead && !notModified) faults.spendPrimary(owner);
      const failAfter = result.status < 400 ? faults.failAfterApply(method, path) : undefined;
      if (failAfter !== undefined)
        throw new HttpError(failAfter, failAfter === 504 ? "Gateway Timeout" : "Server Error");
    }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    result = { status: e.status, body: e.body(), headers: e.headers };
  }

  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-request-id": guid(),
    ...faults.rateLimitHeaders(resource, actorName(actor)),
    ...hostHeaders(state.hostMode),
    ...(result.headers ?? {}),
  };
  if (notModified) {
    result = { ...result, status: 304 };
    delete headers["content-type"];
    res.writeHead(304, headers);
    res.end();
  } else if (result.status === 204) {
    res.writeHead(204, headers);
    res.end();
  } else if (result.raw !== undefined) {
    res.writeHead(result.status, headers);
    res.end(result.raw);
  } else {
    res.writeHead(result.status, headers);
    res.end(result.body === undefined ? "" : JSON.stringify(result.body));
  }
  log.add(
    {
      method,
      path: url.pathname + url.search,
      route: routeName,
      status: result.status,
      at: started,
      durationMs: Date.now() - started,
      actor: actorName(actor),
      requestBody,
      responseBody: result.raw === undefined && !notModified ? result.body : undefined,
    },
    graphqlMutation,
  );
}

/** A strong ETag of the answer as this client asked for it (the Accept header picks the representation). */
function etagOf(result: RouteResult, accept: string | undefined): string {
  const hash = createHash("sha1");
  hash.update(accept ?? "");
  hash.update("\0");
  hash.update(result.raw ?? JSON.stringify(result.body ?? null));
  return `"${hash.digest("hex")}"`;
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

function primaryExceeded(actor: Actor): HttpError {
  const who =
    actor.kind === "installation"
      ? `installation ID ${actor.installation.id}`
      : actor.kind === "user"
        ? `user ID ${actor.user.id}`
        : "this client";
  return new HttpError(
    403,
    `API rate limit exceeded for ${who}.`,
    undefined,
    {},
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
  );
}
