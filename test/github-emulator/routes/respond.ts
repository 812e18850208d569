/** Small helpers shared by route handlers. */
import { HttpError } from "../errors.js";
import { paginate } from "../pagination.js";
import type { RequestContext, RouteResult } from "../router.js";

export const ok = (body: unknown, headers?: Record<string, string>): RouteResult =>
  headers ? { status: 200, body, headers } : { status: 200, body };
export const created = (body: unknown): RouteResult => ({ status: 201, body });
export const noContent = (): RouteResult => ({ status: 204 });

/** a paginated list answer with the Link header */
export function paged<T>(ctx: RequestContext, items: T[], toJson: (item: T) => unknown): RouteResult {
  const page = paginate(items, ctx.query, ctx.url);
  const body = page.items.map(toJson);
  return page.link ? { status: 200, body, headers: { link: page.link } } : { status: 200, body };
}

export function num(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(404, "Not Found");
  return n;
}

export function obj(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "Problems parsing JSON");
  return body as Record<string, unknown>;
}

/** refuse writes to a branch protected with `protectBranch` */
export function assertWritable(ctx: RequestContext, branch: string): void {
  const p = ctx.repo.protectedBranches.get(branch);
  if (p)
    throw new HttpError(
      p.status,
      p.message.replace("<branch>", branch),
      undefined,
      {},
      "https://docs.github.com/articles/about-protected-branches",
    );
}
