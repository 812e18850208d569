/** The plain facts about a repository that rendering and planning need. */
export interface RepoContext {
  owner: string;
  repo: string;
  /** The repository's web address, e.g. https://github.com/octo/app (or a GHES / emulator host). */
  htmlUrl: string;
  defaultBranch: string;
}

/** A link to a file (and line) on the default branch. */
export function blobUrl(ctx: RepoContext, path: string, line?: number): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${ctx.htmlUrl}/blob/${encodeURIComponent(ctx.defaultBranch)}/${encoded}${line === undefined ? "" : `#L${line}`}`;
}
