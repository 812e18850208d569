/** The short pull request reference that check runs and check suites carry. */
import type { IssueRecord, PullRecord } from "./records.js";
import type { State } from "./state.js";
import { baseSha, headSha } from "./pulls.js";
import { repoApi } from "./repos.js";

export function pullJsonMini(state: State, issue: IssueRecord): Record<string, unknown> {
  const pr = issue as IssueRecord & { pull: PullRecord };
  const repo = { id: pr.repo.id, url: repoApi(state, pr.repo), name: pr.repo.name };
  return {
    url: `${repoApi(state, pr.repo)}/pulls/${pr.number}`,
    id: pr.pull.id,
    number: pr.number,
    head: { ref: pr.pull.headRef, sha: headSha(pr), repo },
    base: { ref: pr.pull.baseRef, sha: baseSha(pr), repo },
  };
}
