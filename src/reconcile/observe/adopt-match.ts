/**
 * Which existing issue each task adopts (`adopt: true`). Pure: the tasks that have no issue of
 * tasksync's yet, the repository's open issues that are not tasksync's, and the logins known
 * to have write access in; the adoptions and the diagnostics out.
 *
 * A candidate names the task's id where people put it — `T001: …` (what spec-kit's
 * `/speckit.taskstoissues` writes), `T001 - …`, `[T001] …`, `T001 …`, `T001. …`, `Task T001: …`,
 * behind a feature tag such as `[001-photo-albums] T001 …`, any case — or, as older
 * taskstoissues prompts did, in its body ("Task ID: T001") under a title that is the
 * description. Its title (the id taken off) must then read like the task's description.
 * Nothing is adopted on a guess: where the text cannot tell two candidates apart, or one issue
 * two tasks could claim, nothing is adopted and a diagnostic names them.
 */

/** A task still without an issue, as the matcher sees it. */
export interface AdoptionTask {
  /** The task's identity key (see {@link taskKey}). */
  key: string;
  path: string;
  id: string;
  description: string;
}

/** An open issue that is not tasksync's. */
export interface AdoptionCandidate {
  number: number;
  title: string;
  body: string;
  author: string | null;
}

export interface Adoption {
  task: AdoptionTask;
  issue: AdoptionCandidate;
  /** How closely the issue's text reads like the task's (see {@link textSimilarity}). */
  score: number;
}

export interface AdoptionDiagnostic {
  kind: "ambiguous" | "untrusted" | "has-marker";
  /** The lists it concerns (a diagnostic is shown on each). */
  paths: string[];
  message: string;
}

export interface AdoptionDecision {
  adoptions: Adoption[];
  diagnostics: AdoptionDiagnostic[];
}

/**
 * The least similarity that adopts ({@link textSimilarity}: Sørensen–Dice over words, a word
 * counting by how alike it is). 1 for the same words in any order; about 0.86–0.9 for a dropped
 * article, a plural or a typo ("Create project skeletons", "Creat the projct skeleton"); 0.75 for
 * one word in four replaced ("Create the project structure", "Delete the project skeleton"),
 * which is another task. 0.8 sits between: wording people retype survives, a different task
 * does not (the near-misses are in the matcher's unit test).
 */
export const ADOPT_THRESHOLD = 0.8;

/** Two words are one (a typo, a plural) from this letter-pair similarity up; "create"/"delete" are 0.29. */
const SAME_WORD = 0.7;

/** Scores closer than this do not tell two candidates apart: a letter or a comma is no evidence. */
export const TIE_MARGIN = 0.05;

const escapeId = (id: string): string => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `[…]` or `(…)` at the start: a tag (feature, [P], [US1]) or the id itself. */
const LEADING_TAG = /^\s*[[(]([^\])]{1,60})[\])]\s*[:.\-–—]?\s*/;

/**
 * The title without the task's id when it starts with it in one of the forms above (feature
 * tags before it allowed); null when it does not name the id first.
 */
export function titleWithoutId(title: string, id: string): string | null {
  let rest = title.trim();
  const wanted = id.toLowerCase();
  for (let i = 0; i < 4; i += 1) {
    const tag = LEADING_TAG.exec(rest);
    if (!tag?.[1]) break;
    const inner = tag[1].trim().toLowerCase();
    rest = rest.slice(tag[0].length);
    if (inner === wanted || inner === `task ${wanted}`) return rest.trim();
  }
  // the id, not followed by a letter or digit (T001 is not T0010 nor T001a)
  const plain = new RegExp(`^(?:task\\s+)?${escapeId(id)}(?![\\p{L}\\p{N}])\\s*[:.\\-–—)]?\\s*`, "iu").exec(rest);
  return plain ? rest.slice(plain[0].length).trim() : null;
}

/** Whether a body names the id as a word ("Task ID: T001", "**Task**: T001"). */
export function bodyNamesId(body: string, id: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeId(id)}(?![\\p{L}\\p{N}])`, "iu").test(body);
}

/**
 * Text as compared: no markdown (links keep their text), no task tags ([P], [US1], [Story]),
 * no punctuation, one case, single spaces.
 */
export function comparableText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[(?:P|US\d+|Story|[A-Z]{1,4}\d*)\]/g, " ")
    .replace(/[`*_~#>|]/g, " ")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function pairs(word: string): Map<string, number> {
  const counts = new Map<string, number>();
  const padded = ` ${word} `;
  for (let i = 0; i + 2 <= padded.length; i += 1) {
    const pair = padded.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice over two words' letter pairs, 0..1. */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = pairs(a);
  const y = pairs(b);
  let shared = 0;
  for (const [pair, n] of x) shared += Math.min(n, y.get(pair) ?? 0);
  return (2 * shared) / (a.length + 1 + b.length + 1);
}

/**
 * How alike two texts read, 0..1: Sørensen–Dice over their words (compared as
 * {@link comparableText}), where each word of one is paired with the most alike unpaired word of
 * the other and counts by that likeness when it reaches {@link SAME_WORD}. Word order does not count.
 */
export function textSimilarity(a: string, b: string): number {
  const x = comparableText(a)
    .split(" ")
    .filter((w) => w !== "");
  const y = comparableText(b)
    .split(" ")
    .filter((w) => w !== "");
  if (x.length + y.length === 0) return 0;
  const free = [...y];
  let shared = 0;
  for (const word of x) {
    let best = -1;
    let score = 0;
    free.forEach((other, i) => {
      const s = wordSimilarity(word, other);
      if (s > score) [best, score] = [i, s];
    });
    if (best >= 0 && score >= SAME_WORD) {
      shared += score;
      free.splice(best, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** The text of an issue that is compared with a task's description, when the issue names the task's id. */
export function candidateText(issue: AdoptionCandidate, id: string): string | null {
  const rest = titleWithoutId(issue.title, id);
  if (rest !== null) return rest;
  // a title that names some other id first is about that task
  if (/^\s*(?:[[(][^\])]*[\])]\s*)*(?:task\s+)?[A-Za-z]{1,4}-?\d+[a-z]?(?![\p{L}\p{N}])/iu.test(issue.title))
    return null;
  return bodyNamesId(issue.body, id) ? issue.title : null;
}

/** Every (task, issue) pair that names the task and reads like it, above {@link ADOPT_THRESHOLD}. */
export function qualifyingPairs(tasks: readonly AdoptionTask[], issues: readonly AdoptionCandidate[]): Adoption[] {
  const out: Adoption[] = [];
  const byId = new Map<string, AdoptionTask[]>();
  for (const task of tasks) byId.set(task.id.toLowerCase(), [...(byId.get(task.id.toLowerCase()) ?? []), task]);
  for (const issue of issues) {
    for (const group of byId.values()) {
      const id = group[0]?.id;
      if (id === undefined) continue;
      const text = candidateText(issue, id);
      if (text === null) continue;
      for (const task of group) {
        const score = textSimilarity(text, task.description);
        if (score >= ADOPT_THRESHOLD) out.push({ task, issue, score });
      }
    }
  }
  return out;
}

const MARKER = /<!-- tasksync:v1 /;

const taskName = (t: AdoptionTask): string => `${t.id} of \`${t.path}\``;
const uniq = (xs: string[]): string[] => [...new Set(xs)];

/**
 * The adoptions: a pair is taken when it is both the task's clearly best issue and the issue's
 * clearly best task (no rival within {@link TIE_MARGIN}), and the issue's author may write.
 * `canWrite` answers for the authors of {@link qualifyingPairs}' issues (the caller checks them).
 */
export function decideAdoptions(
  tasks: readonly AdoptionTask[],
  issues: readonly AdoptionCandidate[],
  canWrite: (login: string) => boolean,
): AdoptionDecision {
  const diagnostics: AdoptionDiagnostic[] = [];
  const all = qualifyingPairs(tasks, issues);
  const usable = all.filter((p) => {
    if (MARKER.test(p.issue.body)) return false;
    return p.issue.author !== null && canWrite(p.issue.author);
  });
  const reported = new Set<number>();
  for (const p of all) {
    if (usable.includes(p) || reported.has(p.issue.number)) continue;
    reported.add(p.issue.number);
    const marker = MARKER.test(p.issue.body);
    diagnostics.push({
      kind: marker ? "has-marker" : "untrusted",
      paths: [p.task.path],
      message: marker
        ? `#${p.issue.number} looks like task ${taskName(p.task)} but carries a tasksync marker it did not get from tasksync: left untouched`
        : `#${p.issue.number} looks like task ${taskName(p.task)} but its author${p.issue.author ? ` @${p.issue.author}` : ""} has no write access: left untouched`,
    });
  }
  const byTask = new Map<string, Adoption[]>();
  const byIssue = new Map<number, Adoption[]>();
  for (const p of usable) {
    byTask.set(p.task.key, [...(byTask.get(p.task.key) ?? []), p]);
    byIssue.set(p.issue.number, [...(byIssue.get(p.issue.number) ?? []), p]);
  }
  const rivals = (list: Adoption[], p: Adoption): Adoption[] =>
    list.filter((q) => q !== p && q.score >= p.score - TIE_MARGIN);
  const best = (list: Adoption[]): Adoption | undefined => [...list].sort((a, b) => b.score - a.score)[0];
  const adoptions: Adoption[] = [];
  const said = new Set<string>();
  const say = (d: AdoptionDiagnostic): void => {
    if (said.has(d.message)) return;
    said.add(d.message);
    diagnostics.push(d);
  };
  for (const list of byTask.values()) {
    const p = best(list);
    if (!p) continue;
    const sameTask = rivals(list, p);
    if (sameTask.length > 0) {
      const numbers = [p, ...sameTask].map((q) => `#${q.issue.number}`);
      say({
        kind: "ambiguous",
        paths: [p.task.path],
        message: `task ${taskName(p.task)} matches ${numbers.join(" and ")} equally well: none adopted (close or retitle the ones that are not it)`,
      });
      continue;
    }
    // the issue's best task must be this one: where ids repeat across features, the text decides
    const claims = byIssue.get(p.issue.number) ?? [];
    if (best(claims) !== p) continue;
    const sameIssue = rivals(claims, p);
    if (sameIssue.length > 0) {
      const claimants = [p, ...sameIssue].map((q) => q.task);
      say({
        kind: "ambiguous",
        paths: uniq(claimants.map((t) => t.path)),
        message: `#${p.issue.number} could be ${claimants.map(taskName).join(" or ")}: not adopted (name the feature in its title, or edit its text)`,
      });
      continue;
    }
    adoptions.push(p);
  }
  adoptions.sort((a, b) => a.issue.number - b.issue.number);
  return { adoptions, diagnostics };
}
