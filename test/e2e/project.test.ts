/**
 * GitHub Projects end to end: the real app against the emulator. A list synced into an
 * organization's project (fields created, items with values), a blocker closed → its dependant
 * Ready, an open pull request that closes a task → In Progress (and back when it closes
 * unmerged), a user-owned project → a clear message and the issues still synced.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEFAULT_PERMISSIONS } from "../github-emulator/store/state.js";
import { getPull, updatePull } from "../github-emulator/store/pulls.js";
import { createProject, projectTable, type ProjectRecord } from "../github-emulator/store/projects.js";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { issuesOf, taskIssue, trackingIssue } from "../support/issues-by-marker.js";
import { startHarness, type Harness } from "./harness.js";
import { PROJECT_NOTICE_MARKER } from "../../src/reconcile/projects/project-notice.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const FIELDS = ["Title", "Task ID", "Phase", "Story", "Priority", "Parallel", "Status"] as const;
/** The table of the README's "GitHub Projects" section, as rows of cells (an empty cell: null). */
function readmeProjectTable(): Array<Array<string | null>> {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const lines = readme.slice(readme.indexOf("## GitHub Projects")).split("\n");
  const rows: Array<Array<string | null>> = [];
  for (let i = lines.findIndex((l) => l.startsWith("| Title")) + 2; lines[i]?.startsWith("|"); i += 1) {
    rows.push(
      (lines[i] as string)
        .split("|")
        .slice(1, -1)
        .map((c) => (c.trim() === "" ? null : c.trim())),
    );
  }
  return rows;
}

const config = (project: string): string => `project: ${project}\n`;

async function orgHarness(statusOptions?: string[]): Promise<{ h: Harness; project: ProjectRecord }> {
  const harness = await startHarness({
    ownerType: "Organization",
    install: false,
    files: { [PATH]: LIST, ".github/tasksync.yml": config("octo-org/1") },
  });
  const project = createProject(harness.emulator.state, {
    owner: "octo-org",
    title: "Photo app",
    ...(statusOptions ? { statusOptions } : {}),
  });
  harness.emulator.install({
    account: "octo-org",
    repos: [harness.repo],
    permissions: { ...DEFAULT_PERMISSIONS, organization_projects: "write" },
  });
  await harness.settle();
  return { h: harness, project };
}

const rowOf = (harness: Harness, project: ProjectRecord, taskId: string) => {
  const number = taskIssue(harness, taskId, PATH).number;
  return projectTable(project, FIELDS).find((r) => r["issue"] === number);
};

describe("GitHub Projects end to end", () => {
  it("adds every issue to an organization's project, creates the fields once, and fills them in", async () => {
    const started = await orgHarness();
    h = started.h;
    const { project } = started;
    expect(project.fields.map((f) => [f.name, f.dataType])).toEqual(
      expect.arrayContaining([
        ["Task ID", "TEXT"],
        ["Phase", "TEXT"],
        ["Story", "TEXT"],
        ["Priority", "TEXT"],
        ["Parallel", "SINGLE_SELECT"],
        ["Status", "SINGLE_SELECT"],
      ]),
    );
    // The project was empty: Ready joined GitHub's Todo / In Progress / Done instead of a second Status field.
    expect(project.fields.filter((f) => f.name === "Status")).toHaveLength(1);
    expect(project.fields.find((f) => f.name === "Status")?.options?.map((o) => o.name)).toEqual([
      "Todo",
      "In Progress",
      "Done",
      "Ready",
    ]);
    expect(project.items).toHaveLength(issuesOf(h).length);
    expect(project.items).toHaveLength(1 + 3 + 5);

    const table = projectTable(project, FIELDS)
      .filter((r) => r["Task ID"] !== null)
      .sort((a, b) => String(a["Task ID"]).localeCompare(String(b["Task ID"])));
    expect(table.map(({ issue: _issue, Title: _title, ...rest }) => rest)).toEqual([
      { "Task ID": "T001", Phase: "Phase 1: Setup", Story: null, Priority: null, Parallel: "No", Status: "Ready" },
      { "Task ID": "T002", Phase: "Phase 1: Setup", Story: null, Priority: null, Parallel: "Yes", Status: "Done" },
      {
        "Task ID": "T003",
        Phase: "Phase 2: Foundational (Blocking Prerequisites)",
        Story: null,
        Priority: null,
        Parallel: "No",
        Status: "Todo",
      },
      {
        "Task ID": "T004",
        Phase: "Phase 3: User Story 1 - Upload photos (Priority: P1) 🎯 MVP",
        Story: "US1",
        Priority: "P1",
        Parallel: "Yes",
        Status: "Todo",
      },
      {
        "Task ID": "T005",
        Phase: "Phase 3: User Story 1 - Upload photos (Priority: P1) 🎯 MVP",
        Story: "US1",
        Priority: "P1",
        Parallel: "No",
        Status: "Todo",
      },
    ]);
    const tracking = projectTable(project, FIELDS).find((r) => r["issue"] === trackingIssue(h!, PATH).number);
    expect(tracking?.["Status"]).toBe("In Progress"); // T002 is done, the rest is not

    // Nothing changed: a second sync writes nothing to the project.
    h.emulator.requests.reset();
    await h.push({ "README.md": "# Photo app\n" });
    expect(h.emulator.requests.count("POST /graphql")).toBeGreaterThan(0); // the project was read
    expect(h.emulator.requests.writes()).toBe(0);
  });

  it("a blocker closed makes its dependant Ready; an open pull request that closes a task makes it In Progress", async () => {
    const started = await orgHarness();
    h = started.h;
    const { project } = started;
    expect(rowOf(h, project, "T001")?.["Status"]).toBe("Ready");
    expect(rowOf(h, project, "T003")?.["Status"]).toBe("Todo"); // phase 2 waits for phase 1

    h.emulator.closeIssue(h.owner, h.repo, taskIssue(h, "T001", PATH).number);
    await h.settle();
    expect(rowOf(h, project, "T001")?.["Status"]).toBe("Done");
    expect(rowOf(h, project, "T003")?.["Status"]).toBe("Ready");
    expect(rowOf(h, project, "T004")?.["Status"]).toBe("Todo"); // phase 3 still waits for T003

    const t003 = taskIssue(h, "T003", PATH).number;
    const pull = h.emulator.openPullRequest({
      owner: h.owner,
      repo: h.repo,
      head: "schema",
      title: "Database schema",
      body: `Closes #${t003}`,
      files: { "backend/schema.sql": "create table photos ();\n" },
    });
    await h.settle();
    expect(rowOf(h, project, "T003")?.["Status"]).toBe("In Progress");
    // The README's picture of the project, row for row.
    const shown = projectTable(project, FIELDS).map((r) => FIELDS.map((f) => r[f]));
    expect(shown.sort()).toEqual(readmeProjectTable().sort());

    updatePull(h.emulator.state, getPull(h.emulator.state.repo(h.owner, h.repo)!, pull), h.emulator.state.defaultUser, {
      state: "closed",
    });
    await h.settle();
    expect(rowOf(h, project, "T003")?.["Status"]).toBe("Ready");
  });

  it("a project write GitHub applied and then answered 502: the reconcile runs again and nothing is doubled", async () => {
    const harness = await startHarness({ ownerType: "Organization", install: false, files: { [PATH]: LIST } });
    h = harness;
    const project = createProject(h.emulator.state, { owner: "octo-org" });
    h.emulator.install({
      account: h.owner,
      repos: [h.repo],
      permissions: { ...DEFAULT_PERMISSIONS, organization_projects: "write" },
    });
    await h.settle();
    expect(project.items).toHaveLength(0); // no `project` in the config yet

    // The first three project mutations (creating fields) are applied, then answered 502.
    h.emulator.applyThenFail({ method: "POST", path: /^\/graphql$/, times: 3 });
    await h.push({ ".github/tasksync.yml": config("octo-org/1") });
    // Each 502 fails the reconcile; it runs again after a pause (outside the queue the harness watches).
    for (let waited = 0; waited < 20_000 && project.items.length < 9; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await h.settle();
    }
    const names = project.fields.map((f) => f.name);
    expect(
      names
        .filter((n) => n === "Task ID" || n === "Phase" || n === "Story" || n === "Priority" || n === "Parallel")
        .sort(),
    ).toEqual(["Parallel", "Phase", "Priority", "Story", "Task ID"]);
    expect(project.items).toHaveLength(1 + 3 + 5);
    expect(new Set(project.items.map((i) => i.content.number)).size).toBe(project.items.length);
    expect(rowOf(h, project, "T001")?.["Status"]).toBe("Ready");
  });

  it("a project owned by a user: the issues are synced, and the tracking issue says why the project is not", async () => {
    h = await startHarness({ files: { [PATH]: LIST, ".github/tasksync.yml": config("mona/1") }, install: false });
    const project = createProject(h.emulator.state, { owner: "mona", ownerType: "User" });
    h.emulator.install({
      account: h.owner,
      repos: [h.repo],
      permissions: { ...DEFAULT_PERMISSIONS, organization_projects: "write" },
    });
    await h.settle();
    expect(issuesOf(h)).toHaveLength(1 + 3 + 5);
    expect(taskIssue(h, "T002", PATH).state).toBe("closed");
    expect(project.items).toHaveLength(0);
    const notices = h.emulator
      .comments(h.owner, h.repo, trackingIssue(h, PATH).number)
      .filter((c) => c.body.startsWith(PROJECT_NOTICE_MARKER));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain("it belongs to the user @mona");
    expect(notices[0]?.body).toContain("installation token");

    // Said once: another sync does not repeat it.
    h.emulator.commentOnIssue(h.owner, h.repo, trackingIssue(h, PATH).number, "/tasksync sync");
    await h.settle();
    expect(
      h.emulator
        .comments(h.owner, h.repo, trackingIssue(h, PATH).number)
        .filter((c) => c.body.startsWith(PROJECT_NOTICE_MARKER)),
    ).toHaveLength(1);
  });

  it("a project with items of its own and no Ready option: its options are left alone, ready tasks show Todo, and the user is told", async () => {
    const harness = await startHarness({
      ownerType: "Organization",
      install: false,
      files: { [PATH]: LIST, ".github/tasksync.yml": config("octo-org/1") },
    });
    h = harness;
    const project = createProject(h.emulator.state, { owner: "octo-org" });
    const other = h.emulator.createIssue(h.owner, h.repo, { title: "Someone's own card" });
    const status = project.fields.find((f) => f.name === "Status")!;
    const doneId = status.options!.find((o) => o.name === "Done")!.id;
    project.items.push({
      id: "PVTI_theirs",
      content: [...h.emulator.state.issuesById.values()].find((i) => i.number === other.number)!,
      values: new Map([[status.id, { optionId: doneId }]]),
      createdBy: h.emulator.state.defaultUser,
    });
    h.emulator.install({
      account: h.owner,
      repos: [h.repo],
      permissions: { ...DEFAULT_PERMISSIONS, organization_projects: "write" },
    });
    await h.settle();
    expect(status.options!.map((o) => o.name)).toEqual(["Todo", "In Progress", "Done"]);
    expect(project.items.find((i) => i.id === "PVTI_theirs")?.values.get(status.id)).toEqual({ optionId: doneId }); // not cleared
    expect(rowOf(h, project, "T001")?.["Status"]).toBe("Todo");
    const notice = h.emulator
      .comments(h.owner, h.repo, trackingIssue(h, PATH).number)
      .find((c) => c.body.startsWith(PROJECT_NOTICE_MARKER));
    expect(notice?.body).toContain('"Status" field has no "Ready" option');
  });
});
