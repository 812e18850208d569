/**
 * Walking GitHub's paginated lists: ask for page 1, 2, … while the `Link` header names a next
 * page. `pages` yields page by page (a caller that has what it needs stops early and no further
 * page is fetched); `paginate` collects every item.
 */

export interface Page<T> {
  data: T[];
  headers: { link?: string | undefined };
}

export function hasNextPage(link: string | undefined): boolean {
  return /rel="next"/.test(link ?? "");
}

export async function* pages<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T[], void, undefined> {
  for (let page = 1; ; page += 1) {
    const { data, headers } = await fetchPage(page);
    yield data;
    if (!hasNextPage(headers.link)) return;
  }
}

export async function paginate<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages(fetchPage)) all.push(...items);
  return all;
}
