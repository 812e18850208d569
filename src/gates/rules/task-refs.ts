/**
 * Task ids a pull request names in its title or branch ("T012", "001-photo-albums/T012",
 * "001-photo-albums-T012", ranges "T010-T012"), and the issues its body says it closes.
 */
import type { RepoRef } from "../../github/client.js";
import type { TaskRef } from "../gate-model.js";

/** An optional feature prefix ending in "/" or "-", then an id, optionally a range to another id. */
const TITLE_REF = /(?:([\w.]+(?:-[\w.]+)*)[/-])?\b(T\d+[a-z]?)\b(?:\s*(?:-|–|—|\.\.)\s*(T\d+[a-z]?)\b)?/g;
/** Branch names are often lower case: "001-photo-albums-t012". */
const BRANCH_REF = /(?:([\w.]+(?:-[\w.]+)*)[/-])?\b([Tt]\d+[a-z]?)\b(?:(?:-|\.\.)([Tt]\d+[a-z]?)\b)?/g;

const ID_AT_END = /^(?:(.+)-)?([Tt]\d+[a-z]?)$/;

export interface RangedTaskRef extends TaskRef {
  /** The end of a range ("T010-T012" → id T010, to T012). */
  to?: string;
}

function refsIn(text: string, pattern: RegExp, source: TaskRef["source"]): RangedTaskRef[] {
  const refs: RangedTaskRef[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    // "T010-T012" and "001-x-T010-T012": the greedy prefix swallowed the range's first id.
    const split = m[1] === undefined ? null : ID_AT_END.exec(m[1]);
    if (split) {
      refs.push({
        feature: split[1] ?? null,
        id: normalizeId(split[2] as string),
        source,
        to: normalizeId(m[2] as string),
      });
      continue;
    }
    const id = normalizeId(m[2] as string);
    const to = m[3] === undefined ? undefined : normalizeId(m[3]);
    refs.push({ feature: m[1] ?? null, id, source, ...(to === undefined ? {} : { to }) });
  }
  return refs;
}

function normalizeId(raw: string): string {
  return `T${raw.slice(1)}`;
}

/** Task ids named in a PR title and head branch name, in order, without repeats. */
export function taskRefsOf(title: string, branch: string): RangedTaskRef[] {
  const seen = new Set<string>();
  const out: RangedTaskRef[] = [];
  for (const ref of [...refsIn(title, TITLE_REF, "title"), ...refsIn(branch, BRANCH_REF, "branch")]) {
    const key = `${ref.feature ?? ""}\0${ref.id}\0${ref.to ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

const KEYWORD = "(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)";
const CLOSING_SHORT = new RegExp(`\\b${KEYWORD}\\s*:?\\s+(?:([\\w.-]+)/([\\w.-]+))?#(\\d+)\\b`, "gi");
const CLOSING_URL = new RegExp(`\\b${KEYWORD}\\s*:?\\s+https?://[^\\s/]+/([\\w.-]+)/([\\w.-]+)/issues/(\\d+)\\b`, "gi");

/**
 * Issue numbers of this repository that the body's closing keywords name ("Closes #12",
 * "fixes octo/app#12", "Resolves https://github.com/octo/app/issues/12"). The fallback when
 * GraphQL's closingIssuesReferences cannot be read.
 */
export function closingIssueNumbers(body: string, repo: RepoRef): number[] {
  const out: number[] = [];
  const same = (owner: string | undefined, name: string | undefined): boolean =>
    owner === undefined ||
    (owner.toLowerCase() === repo.owner.toLowerCase() && name?.toLowerCase() === repo.repo.toLowerCase());
  for (const pattern of [CLOSING_SHORT, CLOSING_URL]) {
    for (const m of body.matchAll(pattern)) {
      const n = Number(m[3]);
      if (same(m[1], m[2]) && !out.includes(n)) out.push(n);
    }
  }
  return out;
}

/** The feature ids (task-list folder names) a branch name is about: "001-photo-albums", "001-photo-albums-t012". */
export function featuresNamedBy(branch: string, featureIds: readonly string[]): string[] {
  const lower = branch.toLowerCase();
  return featureIds.filter((id) => {
    const f = id.toLowerCase();
    const at = lower.indexOf(f);
    if (at < 0) return false;
    const before = at === 0 ? "" : lower[at - 1];
    const after = lower[at + f.length] ?? "";
    return (before === "" || before === "/") && (after === "" || after === "/" || after === "-");
  });
}
