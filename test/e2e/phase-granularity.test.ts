/**
 * One issue per phase end to end (`issues.granularity: phase`): the real app against the local
 * GitHub emulator. A person ticks a box in a phase issue's body; tasksync ticks the task in
 * tasks.md; the file's ticks show in the checklist; redeliveries and read-only editors change
 * nothing.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseMarker } from "../../src/identity/marker.js";
import { readChecklist } from "../../src/reconcile/render/phase-checklist.js";
import { LIST, PATH } from "../fixtures/photo-albums.js";
import { issuesOf, phaseIssue } from "../support/issues-by-marker.js";
import { diffOffsets } from "../support/text-diff.js";
import { example } from "../integration/probot-app.js";
import { startHarness, type Harness } from "./harness.js";

const CONFIG = ".github/tasksync.yml";
const PHASED = "issues:\n  granularity: phase\n";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The task list on the default branch, and the branch's commits (newest first). */
const main = (harness: Harness) => ({
  file: harness.emulator.fileAt(harness.owner, harness.repo, "main", PATH) ?? "",
  commits: harness.emulator.commits(harness.owner, harness.repo),
});
const kinds = (harness: Harness) => issuesOf(harness).map((i) => parseMarker(i.body)?.kind);

/** A person clicks a task's box in a phase issue's body (GitHub edits the body's Markdown). */
function tickInBody(harness: Harness, phase: string, id: string, by: string): void {
  const issue = phaseIssue(harness, phase, PATH);
  const body = (issue.body ?? "").replace(`- [ ] **${id}**`, `- [x] **${id}**`);
  expect(body).not.toBe(issue.body);
  harness.emulator.editIssue(harness.owner, harness.repo, issue.number, { body }, by);
}

/** The last `issues.edited` webhook sent again, in the shape of GitHub's own example payload with this event's values. */
async function redeliverEdited(harness: Harness): Promise<void> {
  const sent = harness.emulator
    .sentWebhooks()
    .filter((e) => e.name === "issues" && e.payload["action"] === "edited")
    .at(-1);
  if (!sent) throw new Error("no issues.edited webhook was sent");
  const payload = example("issues", (p) => p["action"] === "edited");
  for (const key of ["issue", "changes", "repository", "sender", "installation", "organization"]) {
    if (key in sent.payload) payload[key] = structuredClone(sent.payload[key]);
  }
  harness.emulator.webhooks.send("issues", payload);
  await harness.settle();
}

describe("one issue per phase, end to end", () => {
  it("only the tracking and phase issues exist; a tick in a body ticks tasks.md (one character, one commit, even redelivered); a tick in the file shows in the body", async () => {
    h = await startHarness({ files: { [PATH]: LIST, [CONFIG]: PHASED } });
    expect(kinds(h).sort()).toEqual(["phase", "phase", "phase", "tracking"]);
    expect(readChecklist(phaseIssue(h, "2", PATH).body ?? "")).toEqual(new Map([["T003", false]]));
    h.emulator.setCollaborator(h.owner, h.repo, "mona", "write");

    const before = main(h).file;
    const commitsBefore = main(h).commits.length;
    tickInBody(h, "2", "T003", "mona");
    await h.settle();

    const after = main(h).file;
    expect(diffOffsets(before, after, "utf8")).toHaveLength(1);
    expect(after).toBe(before.replace("- [ ] T003", "- [x] T003"));
    expect(main(h).commits).toHaveLength(commitsBefore + 1);
    expect(main(h).commits[0]?.message).toBe(`Tick T003 in ${PATH}`);
    expect(phaseIssue(h, "2", PATH).state).toBe("closed"); // its last task is done
    expect(parseMarker(phaseIssue(h, "2", PATH).body)).toMatchObject({ done: ["T003"] });

    // The edited event, delivered again (twice), changes nothing
    h.emulator.requests.reset();
    await redeliverEdited(h);
    await redeliverEdited(h);
    expect(main(h).commits).toHaveLength(commitsBefore + 1);
    expect(h.emulator.requests.writes()).toBe(0);

    // The file's tick shows in the checklist
    await h.push({ [PATH]: main(h).file.replace("- [ ] T004", "- [x] T004") });
    expect(readChecklist(phaseIssue(h, "3", PATH).body ?? "")).toEqual(
      new Map([
        ["T004", true],
        ["T005", false],
      ]),
    );
    expect(kinds(h).filter((k) => k === "task")).toEqual([]);
  });

  it("a tick in a body and another in the file at the same time both survive", async () => {
    h = await startHarness({ files: { [PATH]: LIST, [CONFIG]: PHASED } });
    h.emulator.setCollaborator(h.owner, h.repo, "mona", "write");
    h.emulator.pauseWebhooks(); // both happen before tasksync hears of either
    tickInBody(h, "2", "T003", "mona");
    h.emulator.commit({ owner: h.owner, repo: h.repo, files: { [PATH]: LIST.replace("- [ ] T004", "- [x] T004") } });
    h.emulator.flushWebhooks();
    await h.settle();
    expect(main(h).file).toBe(LIST.replace("- [ ] T004", "- [x] T004").replace("- [ ] T003", "- [x] T003"));
    expect(readChecklist(phaseIssue(h, "2", PATH).body ?? "")).toEqual(new Map([["T003", true]]));
    expect(readChecklist(phaseIssue(h, "3", PATH).body ?? "")).toEqual(
      new Map([
        ["T004", true],
        ["T005", false],
      ]),
    );
    expect(main(h).commits[0]?.message).toBe(`Tick T003 in ${PATH}`);
  });

  it("an edit by a user without write access writes nothing, then or at the next push", async () => {
    h = await startHarness({ files: { [PATH]: LIST, [CONFIG]: PHASED } });
    h.emulator.setCollaborator(h.owner, h.repo, "outsider", "read");
    const before = main(h).file;
    const commitsBefore = main(h).commits.length;
    h.emulator.requests.reset();
    tickInBody(h, "3", "T004", "outsider");
    await h.settle();
    expect(main(h).file).toBe(before);
    expect(main(h).commits).toHaveLength(commitsBefore);
    expect(h.emulator.requests.writes()).toBe(0);
    expect(h.emulator.requests.count("GET /repos/{owner}/{repo}/collaborators/{username}/permission")).toBe(1);

    // A later push reconciles the list: the outsider's tick is still not taken, and the body follows the file again
    await h.push({ [PATH]: before.replace("- [ ] T001", "- [x] T001") });
    expect(main(h).file).toBe(before.replace("- [ ] T001", "- [x] T001"));
    expect(main(h).commits).toHaveLength(commitsBefore + 1); // the push's own commit only
    expect(readChecklist(phaseIssue(h, "3", PATH).body ?? "")).toEqual(
      new Map([
        ["T004", false],
        ["T005", false],
      ]),
    );
    expect(readChecklist(phaseIssue(h, "1", PATH).body ?? "")).toEqual(
      new Map([
        ["T001", true],
        ["T002", true],
      ]),
    );
  });

  it("switching an existing sync from task to phase (a push of the config alone) closes the open task issues as not planned, saying why", async () => {
    h = await startHarness({ files: { [PATH]: LIST } });
    expect(kinds(h).filter((k) => k === "task")).toHaveLength(5);
    await h.push({ [CONFIG]: PHASED });
    const tasks = issuesOf(h).filter((i) => parseMarker(i.body)?.kind === "task");
    const stateOf = (id: string) => tasks.find((i) => i.title.startsWith(id));
    for (const id of ["T001", "T003", "T004", "T005"]) {
      expect(stateOf(id)).toMatchObject({ state: "closed", state_reason: "not_planned" });
      expect(h.emulator.comments(h.owner, h.repo, stateOf(id)?.number ?? 0).map((c) => c.body)).toEqual([
        expect.stringContaining("one issue per phase"),
      ]);
    }
    expect(stateOf("T002")).toMatchObject({ state: "closed", state_reason: "completed" }); // done already: left as it was
    expect(readChecklist(phaseIssue(h, "3", PATH).body ?? "")).toEqual(
      new Map([
        ["T004", false],
        ["T005", false],
      ]),
    );
  });
});
