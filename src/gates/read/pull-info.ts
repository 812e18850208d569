/** The plain facts about a pull request the gates need (from a webhook payload or the REST API). */
export interface PullInfo {
  number: number;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  baseRef: string;
}

interface RestPull {
  number: number;
  title: string;
  body?: string | null;
  head: { ref: string; sha: string };
  base: { ref: string };
}

export function pullInfoOf(pull: RestPull): PullInfo {
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body ?? "",
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    baseRef: pull.base.ref,
  };
}
