import { afterEach, describe, expect, it } from "@jest/globals";
import pino from "pino";
import { canBeAssigned, listMilestones, orgIssueTypes } from "../../../../src/reconcile/observe/issue-fields-api.js";
import { UNLIMITED_BUDGET } from "../../../../src/github/pacing-budget.js";
import { IssueFieldWrites } from "../../../../src/reconcile/apply/apply-issue-fields.js";
import { PacedWrites } from "../../../../src/reconcile/apply/paced-writes.js";
import { addMilestone, issueFields, milestones, setOrgIssueTypes } from "../../../github-emulator/index.js";
import { OWNER, REPO, statusOf, world, type World } from "../../github-emulator/setup.js";

const log = pino({ level: "silent" });
const repo = { owner: OWNER, repo: REPO };
const KEY = "specs/001/tasks.md#milestone:phase:1";
const DESCRIPTION = `x\n\n<!-- tasksync:milestone {"path":"specs/001/tasks.md","key":"phase:1"} -->`;

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const writesFor = (world: World) =>
  new IssueFieldWrites({
    gh: world.app,
    repo,
    log,
    writes: new PacedWrites(UNLIMITED_BUDGET, OWNER, log),
    author: "tasksync[bot]",
  });

describe("milestone and issue-field writes against the emulator", () => {
  it("a milestone someone made with the same title between observe and apply: 422, reported, and the issue is left out of it", async () => {
    w = await world();
    const writes = writesFor(w);
    addMilestone(w.em, OWNER, REPO, "Phase 1: Setup", "mona");
    const skipped = await writes.ensureMilestone({
      kind: "ensure-milestone",
      key: KEY,
      title: "Phase 1: Setup",
      description: DESCRIPTION,
      number: null,
      reason: "no milestone yet",
    });
    expect(skipped).toBe('milestone "Phase 1: Setup": Validation Failed');
    const issue = await w.app.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "T001 x" });
    const left = await writes.setFields(
      {
        kind: "set-issue-fields",
        key: "k",
        number: issue.data.number,
        milestone: { key: KEY, number: null },
        reason: "r",
      },
      issue.data.number,
    );
    expect(left).toBe(`no milestone ${KEY} for #${issue.data.number}`);
    expect(issueFields(w.em, OWNER, REPO, issue.data.number).milestone).toBeNull();
    expect(milestones(w.em, OWNER, REPO).map((m) => m.creator)).toEqual(["mona"]);
  });

  it("a created milestone is used by the issues that follow in the same apply, in one PATCH with its assignees", async () => {
    w = await world();
    w.em.setCollaborator(OWNER, REPO, "alice", "write");
    const writes = writesFor(w);
    expect(
      await writes.ensureMilestone({
        kind: "ensure-milestone",
        key: KEY,
        title: "Phase 1: Setup",
        description: DESCRIPTION,
        number: null,
        reason: "r",
      }),
    ).toBeNull();
    const issue = await w.app.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "T001 x" });
    const n = issue.data.number;
    // acme is a person here: no types, so none is sent
    expect(
      await writes.setFields(
        {
          kind: "set-issue-fields",
          key: "k",
          number: n,
          milestone: { key: KEY, number: null },
          assignees: ["alice"],
          reason: "r",
        },
        n,
      ),
    ).toBeNull();
    expect(issueFields(w.em, OWNER, REPO, n)).toEqual({
      assignees: ["alice"],
      milestone: { number: 1, title: "Phase 1: Setup" },
      type: null,
    });
    expect(w.em.requests.entries.filter((e) => e.method === "PATCH").map((e) => e.route)).toEqual([
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
    ]);
  });

  it("reads: milestones with their creator, assignability 204/404, issue types (404 for a person, the list for an organisation)", async () => {
    w = await world();
    w.em.setCollaborator(OWNER, REPO, "alice", "write");
    w.em.setCollaborator(OWNER, REPO, "reader", "read");
    addMilestone(w.em, OWNER, REPO, "Sprint 1", "mona");
    expect(await listMilestones(w.app, repo)).toEqual([
      { number: 1, title: "Sprint 1", description: "", state: "open", creator: "mona" },
    ]);
    expect(await canBeAssigned(w.app, repo, "alice")).toBe(true);
    expect(await canBeAssigned(w.app, repo, "reader")).toBe(false);
    expect(await canBeAssigned(w.app, repo, "ghost")).toBe(false);
    expect(await orgIssueTypes(w.app, OWNER)).toBeNull();
    w.em.createRepo({ owner: "big-org", name: "app", ownerType: "Organization" });
    expect(await orgIssueTypes(w.app, "big-org")).toEqual(["Task", "Bug", "Feature"]);
    setOrgIssueTypes(w.em, "big-org", ["Epic"]);
    expect(await orgIssueTypes(w.app, "big-org")).toEqual(["Epic"]);
    // GitHub refuses an assignee who cannot be assigned, and a type a person's repository has not
    const issue = await w.app.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "x" });
    expect(
      await statusOf(
        w.app.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...repo,
          issue_number: issue.data.number,
          assignees: ["ghost"],
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        w.app.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...repo,
          issue_number: issue.data.number,
          type: "Task",
        }),
      ),
    ).toBe(422);
  });
});
