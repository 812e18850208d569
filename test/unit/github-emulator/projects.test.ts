/**
 * The emulator's Projects v2, through tasksync's own GraphQL documents: who can see a project
 * (an installation token never sees a user's; an organization's needs `organization_projects`),
 * items added once, values written and read back, options replaced the way GitHub replaces them.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import {
  ADD_PROJECT_ITEM,
  CREATE_PROJECT_FIELD,
  SET_FIELD_OPTIONS,
  SET_PROJECT_FIELD_VALUE,
} from "../../../src/reconcile/projects/project-apply.js";
import { readIssueItems, readProject } from "../../../src/reconcile/projects/project-read.js";
import { createProject } from "../../github-emulator/store/projects.js";
import { DEFAULT_PERMISSIONS } from "../../github-emulator/store/state.js";
import { startEmulator, type Emulator } from "../../github-emulator/index.js";
import { quiet } from "./setup.js";

let em: Emulator | undefined;
afterEach(async () => {
  await em?.stop();
  em = undefined;
});

async function org(permission?: "read" | "write"): Promise<{ em: Emulator; app: Octokit; person: Octokit }> {
  em = await startEmulator({ onUnmatched: () => {} });
  em.createRepo({ owner: "octo-org", name: "app", ownerType: "Organization", files: { "README.md": "x\n" } });
  const { id } = em.install({
    account: "octo-org",
    repos: ["app"],
    permissions: { ...DEFAULT_PERMISSIONS, ...(permission ? { organization_projects: permission } : {}) },
  });
  return {
    em,
    app: new Octokit({ baseUrl: em.url, auth: em.installationToken(id), log: quiet }),
    person: new Octokit({ baseUrl: em.url, auth: em.userToken("mona"), log: quiet }),
  };
}

describe("the emulator's GitHub Projects", () => {
  it("answers an installation token about a user's project as GitHub does: not found, with the owner's type", async () => {
    const w = await org("write");
    createProject(w.em.state, { owner: "mona", ownerType: "User" });
    expect(await readProject(w.app, "mona/1")).toEqual({
      ok: false,
      ownerType: "User",
      message: "Could not resolve to a ProjectV2 with the number 1.",
    });
    // A person's own token reaches it.
    expect(await readProject(w.person, "mona/1")).toMatchObject({ ok: true, project: { title: "Project 1" } });
  });

  it("an organization's project needs the installation's organization_projects permission", async () => {
    const w = await org();
    createProject(w.em.state, { owner: "octo-org" });
    expect(await readProject(w.app, "octo-org/1")).toEqual({
      ok: false,
      ownerType: "Organization",
      message: "Resource not accessible by integration",
    });
    expect(await readProject(w.app, "nobody/1")).toMatchObject({ ok: false, ownerType: null });
  });

  it("adds an item once, creates a field, writes values, and replacing options clears the field on every item", async () => {
    const w = await org("write");
    createProject(w.em.state, { owner: "octo-org" });
    const access = await readProject(w.app, "octo-org/1");
    if (!access.ok) throw new Error(access.message);
    const { project } = access;
    expect(project.fields.find((f) => f.name === "Status")?.options?.map((o) => o.name)).toEqual([
      "Todo",
      "In Progress",
      "Done",
    ]);
    const issue = (await w.app.rest.issues.create({ owner: "octo-org", repo: "app", title: "T001 One" })).data;
    const add = () =>
      w.app.graphql<{ addProjectV2ItemById: { item: { id: string } } }>(ADD_PROJECT_ITEM, {
        projectId: project.id,
        contentId: issue.node_id,
      });
    const itemId = (await add()).addProjectV2ItemById.item.id;
    expect((await add()).addProjectV2ItemById.item.id).toBe(itemId);

    const created = await w.app.graphql<{ createProjectV2Field: { projectV2Field: { id: string; dataType: string } } }>(
      CREATE_PROJECT_FIELD,
      { projectId: project.id, name: "Task ID", dataType: "TEXT" },
    );
    expect(created.createProjectV2Field.projectV2Field.dataType).toBe("TEXT");
    await expect(
      w.app.graphql(CREATE_PROJECT_FIELD, { projectId: project.id, name: "task id", dataType: "TEXT" }),
    ).rejects.toThrow(/Name has already been taken/);
    const status = project.fields.find((f) => f.name === "Status")!;
    const todo = status.options!.find((o) => o.name === "Todo")!;
    await w.app.graphql(SET_PROJECT_FIELD_VALUE, {
      projectId: project.id,
      itemId,
      fieldId: created.createProjectV2Field.projectV2Field.id,
      value: { text: "T001" },
    });
    await w.app.graphql(SET_PROJECT_FIELD_VALUE, {
      projectId: project.id,
      itemId,
      fieldId: status.id,
      value: { singleSelectOptionId: todo.id },
    });
    await expect(
      w.app.graphql(SET_PROJECT_FIELD_VALUE, {
        projectId: project.id,
        itemId,
        fieldId: status.id,
        value: { singleSelectOptionId: "nope" },
      }),
    ).rejects.toThrow(/does not belong to the field/);

    const items = await readIssueItems(w.app, project.id, [issue.node_id]);
    expect([...(items.get(issue.node_id)?.item?.values.values() ?? [])].sort()).toEqual(
      ["T001", "T001 One", todo.id].sort(),
    );

    await w.app.graphql(SET_FIELD_OPTIONS, {
      fieldId: status.id,
      options: [
        { name: "Todo", color: "GRAY", description: "" },
        { name: "Ready", color: "BLUE", description: "" },
      ],
    });
    const after = await readIssueItems(w.app, project.id, [issue.node_id]);
    expect([...(after.get(issue.node_id)?.item?.values.values() ?? [])]).not.toContain(todo.id);
  });

  it("counts the open pull requests that will close an issue", async () => {
    const w = await org("read");
    createProject(w.em.state, { owner: "octo-org" });
    const access = await readProject(w.app, "octo-org/1");
    if (!access.ok) throw new Error(access.message);
    const issue = (await w.app.rest.issues.create({ owner: "octo-org", repo: "app", title: "T001 One" })).data;
    w.em.openPullRequest({
      owner: "octo-org",
      repo: "app",
      head: "work",
      title: "Work",
      body: `Fixes #${issue.number}`,
      files: { "a.txt": "a\n" },
    });
    w.em.openPullRequest({
      owner: "octo-org",
      repo: "app",
      head: "other",
      title: "Other",
      body: "No keyword here",
      files: { "b.txt": "b\n" },
    });
    expect((await readIssueItems(w.app, access.project.id, [issue.node_id])).get(issue.node_id)).toMatchObject({
      state: "open",
      openPullRequests: 1,
      item: null,
    });
  });
});
