import { describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { fenceWrites, LeaseLostError } from "../../../src/queue/fence-writes.js";

/** A client whose every request is answered 200 here, and recorded. */
function client() {
  const sent: string[] = [];
  const fetch = async (url: string | URL, init?: { method?: string }) => {
    sent.push(`${init?.method ?? "GET"} ${new URL(String(url)).pathname}`);
    return new Response(JSON.stringify({ data: {}, id: 1 }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { octokit: new Octokit({ request: { fetch } }), sent };
}

describe("fenceWrites", () => {
  it("lets every request through while the lease holds", async () => {
    const { octokit, sent } = client();
    fenceWrites(octokit, { lost: false });
    await octokit.request("POST /repos/{owner}/{repo}/issues", { owner: "o", repo: "r", title: "t" });
    expect(sent).toEqual(["POST /repos/o/r/issues"]);
  });

  it("sends reads but no write once the lease is lost", async () => {
    const { octokit, sent } = client();
    const lease = { lost: false };
    fenceWrites(octokit, lease);
    lease.lost = true;
    await octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "o", repo: "r" });
    await octokit.graphql("query { viewer { login } }");
    await expect(
      octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: "o",
        repo: "r",
        issue_number: 1,
        state: "closed",
      }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    await expect(
      octokit.graphql('mutation { addSubIssue(input: {issueId: "a", subIssueId: "b"}) { clientMutationId } }'),
    ).rejects.toThrow(/lost its repository's lane lock/);
    expect(sent).toEqual(["GET /repos/o/r/issues", "POST /graphql"]);
  });
});
