/**
 * The issues a pull request closes. GitHub links closing keywords only for PRs into the default
 * branch; GraphQL's closingIssuesReferences reads them (including links made in the sidebar).
 * When GraphQL cannot answer, the body's closing keywords are parsed instead.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { messageOf } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { closingIssueNumbers } from "../rules/task-refs.js";

export const QUERY = `query($owner: String!, $repo: String!, $number: Int!, $first: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      closingIssuesReferences(first: $first) { nodes { number } }
    }
  }
}`;

interface ClosingAnswer {
  repository: { pullRequest: { closingIssuesReferences: { nodes: Array<{ number: number } | null> } } | null } | null;
}

export async function closingIssues(
  gh: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  body: string,
  log: Logger,
): Promise<number[]> {
  try {
    const answer = await gh.graphql<ClosingAnswer>(QUERY, {
      ...repo,
      number: pullNumber,
      first: GITHUB_LIMITS.perPage,
    });
    const nodes = answer.repository?.pullRequest?.closingIssuesReferences.nodes ?? [];
    const numbers = nodes.filter((n): n is { number: number } => n !== null).map((n) => n.number);
    // A body edited moments ago may not be linked yet: take the keywords too.
    for (const n of closingIssueNumbers(body, repo)) if (!numbers.includes(n)) numbers.push(n);
    return numbers;
  } catch (error) {
    log.warn(
      { err: messageOf(error), pull: pullNumber },
      "closing issues not readable through GraphQL: parsing the description instead",
    );
    return closingIssueNumbers(body, repo);
  }
}
