/**
 * Partial sync, planned: an error holds back only the tasks it concerns, every other task syncs,
 * and a close or tick made while a task is held is carried across once the error is fixed.
 */
import { describe, expect, it } from "@jest/globals";
import { heldTasks } from "../../../../src/reconcile/plan/held-tasks.js";
import type { Plan } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST_WITH_POLISH as LIST, PATH } from "../../../fixtures/photo-albums.js";
import { ListRepo, opsFor } from "../list-repo.js";

const key = (id: string): string => `${PATH}#${id}`;
/** T006's line (19) takes T003's id: T003 (line 10) is used twice. */
const DUPLICATE = LIST.replace("- [ ] T006 Write the docs", "- [ ] T003 Write the docs");
const writes = (plans: Plan[]) =>
  plans.flatMap((p) => p.operations.flatMap((op) => (op.kind === "write-checkboxes" ? op.changes : [])));
const diagnosticsComment = (repo: ListRepo): string =>
  repo.trackingIssue().comments.find((c) => c.body.startsWith("<!-- tasksync:diagnostics -->"))?.body ?? "";

function synced(): ListRepo {
  const repo = new ListRepo();
  repo.reconcile(LIST);
  expect(repo.plan().operations).toEqual([]);
  return repo;
}

describe("heldTasks", () => {
  it("holds the task of a duplicate id (both lines), a task naming an unknown blocker and every task of a cycle", () => {
    const text = LIST.replace("- [ ] T006 Write the docs", "- [ ] T003 Write the docs")
      .replace("- [ ] T001 Create project structure", "- [ ] T001 Create project structure (depends on T099)")
      .replace("Upload endpoint in `backend/app.py`", "Upload endpoint in `backend/app.py` (depends on T005)");
    const held = heldTasks(parseTaskList(PATH, text));
    expect(held.whole).toBe(false);
    expect([...held.tasks.keys()]).toEqual(["T001", "T003", "T004", "T005"]);
    expect(held.tasks.get("T003")?.lines).toEqual([10, 19]);
    expect(held.tasks.get("T005")?.errors.map((e) => e.code)).toEqual(["dependency-cycle"]);
    expect(held.tasks.get("T001")?.errors.map((e) => e.code)).toEqual(["unknown-dependency"]);
  });

  it("holds the whole list when an error names no task, and nothing when there are only warnings", () => {
    const doc = parseTaskList(PATH, LIST);
    expect(
      heldTasks({ ...doc, diagnostics: [{ severity: "error", code: "no-tasks", line: 1, message: "m" }] }).whole,
    ).toBe(true);
    expect(
      heldTasks({ ...doc, diagnostics: [{ severity: "warning", code: "task-without-id", line: 3, message: "m" }] })
        .tasks.size,
    ).toBe(0);
  });
});

describe("planFile: an error holds back only the tasks it concerns", () => {
  it("plans nothing for the held task, syncs every other one, names the held task with both lines, and is stable", () => {
    const repo = synced();
    const t003 = { ...repo.task("T003") };
    const edited = DUPLICATE.replace("T003 Database schema in", "T003 Database schema and seeds in").replace(
      "- [ ] T001",
      "- [x] T001",
    );
    const [plan] = repo.reconcile(edited) as [Plan];
    expect(plan.held).toEqual(["T003"]);
    expect(plan.blockedByErrors).toBe(false);
    expect(opsFor(plan, key("T003"))).toEqual([]);
    expect(repo.task("T003")).toEqual(t003); // not retitled, not closed, not re-linked
    expect(repo.task("T001").state).toBe("closed"); // the rest syncs
    expect(repo.task("T006")).toMatchObject({ state: "open" }); // its line may be the duplicate: not closed as removed
    expect(repo.task("T006").body).not.toContain('"removed":true');
    const comment = diagnosticsComment(repo);
    expect(comment).toContain("1 task is held back");
    expect(comment).toContain("**T003** (lines 10 and 19): duplicate task id T003 (first used on line 10)");
    expect(comment).toContain(`#${repo.task("T006").number} (T006)`);
    expect(repo.tracking()).toMatchObject({ held: { T003: false }, diag: expect.any(String) });
    expect(repo.plan().operations).toEqual([]);
  });

  it("an error that names no task holds the whole list: only its diagnostics are posted, and the base is kept", () => {
    const repo = synced();
    const before = repo.tracking();
    const doc = parseTaskList(PATH, LIST.replace("- [ ] T001", "- [x] T001"));
    const plan = repo.planDoc(
      { ...doc, diagnostics: [{ severity: "error", code: "no-tasks", line: 1, message: "the list is broken" }] },
      "abc123",
    );
    expect(plan.blockedByErrors).toBe(true);
    expect(plan.operations.map((op) => op.kind).sort()).toEqual(["comment", "update-issue"]);
    repo.gh.apply(plan);
    expect(repo.tracking()).toMatchObject({ sha: before?.sha, states: before?.states, diag: expect.any(String) });
    expect(repo.task("T001").state).toBe("open");
    expect(diagnosticsComment(repo)).toContain("cannot sync");
  });

  it("neither makes nor removes links to or from the tasks of a cycle, and makes the others", () => {
    const repo = synced();
    const t005 = repo.task("T005");
    expect(t005.blockedBy).toEqual([repo.task("T004").number]);
    const cycle = LIST.replace(
      "Upload endpoint in `backend/app.py`",
      "Upload endpoint in `backend/app.py` (depends on T005)",
    )
      .replace("- [ ] T006 Write the docs", "- [ ] T006 Write the docs (depends on T004)")
      .replace("Database schema in `backend/schema.sql`", "Database schema in `backend/schema.sql` (depends on T001)");
    const [plan] = repo.reconcile(cycle) as [Plan];
    expect(plan.held).toEqual(["T004", "T005"]);
    expect(opsFor(plan, key("T004"))).toEqual([]);
    expect(opsFor(plan, key("T005"))).toEqual([]);
    expect(repo.task("T005").blockedBy).toEqual([repo.task("T004").number]);
    expect(repo.task("T006").blockedBy).toEqual([]);
    expect(repo.task("T003").blockedBy).toEqual([repo.task("T001").number]);
    expect(diagnosticsComment(repo)).toMatch(/\*\*T004\*\* \(line 14\): dependency cycle/);
    expect(repo.plan().operations).toEqual([]);
    repo.reconcile(LIST.replace("- [ ] T006 Write the docs", "- [ ] T006 Write the docs (depends on T004)"));
    expect(repo.task("T006").blockedBy).toEqual([repo.task("T004").number]);
    expect(diagnosticsComment(repo)).toContain("parses cleanly again");
  });
});

describe("planFile: what happens to a held task meanwhile is carried across after the fix", () => {
  it("an issue closed while its task is held ticks the line once the duplicate is fixed (one character)", () => {
    const repo = synced();
    repo.reconcile(DUPLICATE);
    repo.set("T003", "closed");
    const whileHeld = repo.reconcile();
    expect(writes(whileHeld)).toEqual([]);
    expect(repo.task("T003").state).toBe("closed"); // not reopened either
    const plans = repo.reconcile(LIST);
    expect(writes(plans)).toEqual([expect.objectContaining({ taskId: "T003", checked: true })]);
    expect(repo.text.length).toBe(LIST.length);
    expect(
      Array.from(LIST, (_, i) => i)
        .filter((i) => repo.text[i] !== LIST[i])
        .map((i) => repo.text[i]),
    ).toEqual(["x"]);
    expect(repo.task("T003").state).toBe("closed");
    expect(repo.tracking()?.held).toBeUndefined();
    expect(repo.tracking()?.diag).toBeUndefined();
    expect(repo.plan().operations).toEqual([]);
  });

  it("an issue reopened while its task is held unticks the line after the fix", () => {
    const repo = synced();
    repo.reconcile(LIST.replace("- [ ] T006 Write the docs", "- [ ] T002 Write the docs"));
    repo.set("T002", "open");
    repo.reconcile();
    expect(repo.task("T002").state).toBe("open");
    expect(writes(repo.reconcile(LIST))).toEqual([expect.objectContaining({ taskId: "T002", checked: false })]);
    expect(repo.text).toBe(LIST.replace("- [x] T002", "- [ ] T002"));
  });

  it("a line ticked while held closes its issue after the fix, even across later pushes while held, and is never unticked", () => {
    const repo = synced();
    repo.reconcile(DUPLICATE);
    const ticked = DUPLICATE.replace("- [ ] T003 Database", "- [x] T003 Database");
    repo.reconcile(ticked);
    expect(repo.task("T003").state).toBe("open"); // held: nothing happens to its issue
    repo.reconcile(ticked.replace("- [ ] T001", "- [x] T001")); // the recorded sha moves on; T003's base does not
    expect(repo.tracking()?.held).toEqual({ T003: false });
    const fixed = LIST.replace("- [ ] T003 Database", "- [x] T003 Database").replace("- [ ] T001", "- [x] T001");
    const plans = repo.reconcile(fixed);
    expect(writes(plans)).toEqual([]);
    expect(repo.text).toBe(fixed);
    expect(repo.task("T003").state).toBe("closed");
    expect(repo.plan().operations).toEqual([]);
  });
});
