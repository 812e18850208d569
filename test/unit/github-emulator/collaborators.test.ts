import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { startEmulator, type Emulator } from "../../github-emulator/index.js";

let em: Emulator;
let gh: Octokit;
beforeEach(async () => {
  em = await startEmulator();
  em.createRepo({ owner: "acme", name: "app" });
  gh = new Octokit({ baseUrl: em.url, auth: em.userToken("acme") });
});
afterEach(() => em.stop());

describe("collaborator permission and reactions", () => {
  it.each<[string, "write" | "maintain" | undefined, string, string]>([
    ["acme", undefined, "admin", "admin"],
    ["dev", "write", "write", "write"],
    ["lead", "maintain", "write", "maintain"],
    ["stranger", undefined, "read", "read"],
  ])("%s (%s) → permission %s, role %s", async (login, grant, permission, role) => {
    if (grant) em.setCollaborator("acme", "app", login, grant);
    const { data } = await gh.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      owner: "acme",
      repo: "app",
      username: login,
    });
    expect(data.permission).toBe(permission);
    expect(data.role_name).toBe(role);
    expect(data.user?.login).toBe(login);
  });

  it("adds a reaction to a comment and refuses an unknown one", async () => {
    const issue = em.createIssue("acme", "app", { title: "x" });
    const comment = em.commentOnIssue("acme", "app", issue.number, "hello");
    const { status } = await gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      owner: "acme",
      repo: "app",
      comment_id: comment.id,
      content: "rocket",
    });
    expect(status).toBe(201);
    expect(em.reactions("acme", "app", comment.id)).toEqual(["rocket by acme"]);
    await expect(
      gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        owner: "acme",
        repo: "app",
        comment_id: comment.id,
        content: "party" as "rocket",
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
