/** page/per_page pagination with GitHub's Link header (rel="next", "last", "first", "prev"). */
import { validationFailed } from "./errors.js";

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 30;

export interface Page<T> {
  items: T[];
  link: string | undefined;
}

export function paginate<T>(all: T[], query: URLSearchParams, requestUrl: URL): Page<T> {
  const perPageRaw = query.get("per_page");
  const pageRaw = query.get("page");
  let perPage = perPageRaw === null ? DEFAULT_PER_PAGE : Number(perPageRaw);
  if (!Number.isInteger(perPage) || perPage < 1) perPage = DEFAULT_PER_PAGE;
  perPage = Math.min(perPage, MAX_PER_PAGE);
  const page = pageRaw === null ? 1 : Number(pageRaw);
  if (!Number.isInteger(page) || page < 1) throw validationFailed([{ code: "invalid", field: "page" }]);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const rel = (p: number, name: string): string => {
    const u = new URL(requestUrl.href);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.href}>; rel="${name}"`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(rel(Math.min(page - 1, lastPage), "prev"));
  if (page < lastPage) parts.push(rel(page + 1, "next"), rel(lastPage, "last"));
  if (page > 1) parts.push(rel(1, "first"));
  return { items, link: parts.length ? parts.join(", ") : undefined };
}
