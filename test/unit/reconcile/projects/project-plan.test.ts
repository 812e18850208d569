/**
 * The project plan (pure): fields created once, Status options added only where nothing can be
 * lost, values written only when they differ, and Status following the tasks: Todo → Ready →
 * In Progress → Done. A small in-memory project applies the plans between runs.
 */
import { describe, expect, it } from "@jest/globals";
import type {
  IssueProjectState,
  ObservedProject,
  ProjectField,
} from "../../../../src/reconcile/projects/project-read.js";
import type { TrackedIssue } from "../../../../src/reconcile/observe/tracked-issues.js";
import { markerKey, phaseKey, taskKey, trackingKey, type Marker } from "../../../../src/identity/marker.js";
import { phaseSlots } from "../../../../src/reconcile/desired/phase-slots.js";
import { planProject, type ProjectOperation } from "../../../../src/reconcile/projects/project-plan.js";
import { desiredProjectItems } from "../../../../src/reconcile/projects/project-values.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";

const PATH = "specs/001-albums/tasks.md";
const LIST = `# Tasks: Albums

## Phase 1: Setup

- [ ] T001 Create the project
- [ ] T002 [P] Add the linter

## Phase 2: User Story 1 - Upload (Priority: P1)

- [ ] T003 [US1] Upload form (depends on T001)
`;

const doc = parseTaskList(PATH, LIST);

function issue(marker: Marker, n: number): TrackedIssue {
  return {
    key: markerKey(marker),
    marker,
    number: n,
    id: n * 10,
    nodeId: `I_${n}`,
    title: "",
    body: "",
    state: "open",
    stateReason: null,
    labels: [],
    parentNumber: null,
    blockedByTotal: 0,
    htmlUrl: "",
    author: "tasksync[bot]",
    createdAt: null,
  };
}

const issues: TrackedIssue[] = [
  issue({ kind: "tracking", path: PATH }, 1),
  ...phaseSlots(doc).map((s, i) => issue({ kind: "phase", path: PATH, phase: s.key }, 2 + i)),
  ...doc.tasks.map((t, i) => issue({ kind: "task", path: PATH, id: t.id, text: "" }, 10 + i)),
];
const nodeOf = (key: string): string => issues.find((i) => i.key === key)!.nodeId;

/** A project in memory: the plan's operations applied to it, as GitHub would. */
class FakeProject {
  seq = 0;
  project: ObservedProject;
  states = new Map<string, IssueProjectState>();
  constructor(fields: ProjectField[], itemCount = 0) {
    this.project = { id: "PVT_1", title: "Albums", url: "", itemCount, fields };
    for (const i of issues)
      this.states.set(i.nodeId, { nodeId: i.nodeId, state: "open", openPullRequests: 0, item: null });
  }
  private field(name: string): ProjectField {
    return this.project.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())!;
  }
  apply(ops: readonly ProjectOperation[]): void {
    for (const op of ops) {
      if (op.kind === "create-project-field") {
        this.project.fields.push({
          id: `F_${++this.seq}`,
          name: op.field,
          dataType: op.dataType,
          ...(op.dataType === "SINGLE_SELECT"
            ? { options: op.options.map((o) => ({ ...o, id: `O_${++this.seq}` })) }
            : {}),
        });
      } else if (op.kind === "set-field-options") {
        this.field(op.field).options = op.options.map((o) => ({ ...o, id: `O_${++this.seq}` }));
      } else if (op.kind === "add-project-item") {
        const state = this.states.get(op.contentId)!;
        state.item ??= { id: `PVTI_${++this.seq}`, values: new Map() };
        this.project.itemCount += 1;
      } else if (op.kind === "set-project-value") {
        const field = this.field(op.field);
        const values = this.states.get(op.contentId)!.item!.values;
        if (op.value === null) values.delete(field.id);
        else
          values.set(
            field.id,
            field.dataType === "SINGLE_SELECT" ? field.options!.find((o) => o.name === op.value)!.id : op.value,
          );
      }
    }
  }
  value(key: string, name: string): string | null {
    const field = this.field(name);
    const raw = this.states.get(nodeOf(key))?.item?.values.get(field.id);
    if (raw === undefined) return null;
    return field.dataType === "SINGLE_SELECT" ? (field.options!.find((o) => o.id === raw)?.name ?? null) : raw;
  }
  plan(list = doc) {
    return planProject(this.project, desiredProjectItems(PATH, list, issues, this.states), this.states);
  }
  sync(list = doc) {
    const plan = this.plan(list);
    this.apply(plan.operations);
    return plan;
  }
}

const githubDefault = (): ProjectField[] => [
  { id: "F_title", name: "Title", dataType: "TITLE" },
  {
    id: "F_status",
    name: "Status",
    dataType: "SINGLE_SELECT",
    options: [
      { id: "O_todo", name: "Todo", color: "GREEN", description: "" },
      { id: "O_prog", name: "In Progress", color: "YELLOW", description: "" },
      { id: "O_done", name: "Done", color: "PURPLE", description: "" },
    ],
  },
];

const kinds = (ops: readonly ProjectOperation[]) => ops.map((o) => o.kind);

describe("planProject", () => {
  it("creates the missing fields once, adds Ready to Status of an empty project, adds every issue and fills in its values", () => {
    const fake = new FakeProject(githubDefault());
    const first = fake.sync();
    expect(
      first.operations
        .filter((o) => o.kind === "create-project-field")
        .map((o) => o.kind === "create-project-field" && [o.field, o.dataType]),
    ).toEqual([
      ["Task ID", "TEXT"],
      ["Phase", "TEXT"],
      ["Story", "TEXT"],
      ["Priority", "TEXT"],
      ["Parallel", "SINGLE_SELECT"],
    ]);
    const setOptions = first.operations.find((o) => o.kind === "set-field-options");
    expect(setOptions?.kind === "set-field-options" && setOptions.options.map((o) => o.name)).toEqual([
      "Todo",
      "In Progress",
      "Done",
      "Ready",
    ]);
    expect(first.operations.filter((o) => o.kind === "add-project-item")).toHaveLength(issues.length);
    expect(first.notes).toEqual([]);
    expect(fake.value(taskKey(PATH, "T002"), "Parallel")).toBe("Yes");
    expect(fake.value(taskKey(PATH, "T003"), "Story")).toBe("US1");
    expect(fake.value(taskKey(PATH, "T003"), "Priority")).toBe("P1");
    expect(fake.value(taskKey(PATH, "T003"), "Phase")).toBe("Phase 2: User Story 1 - Upload (Priority: P1)");
    expect(fake.value(phaseKey(PATH, phaseSlots(doc)[1]!.key), "Task ID")).toBeNull();

    const second = fake.plan();
    expect(second.operations).toEqual([]);
    expect(second.unchanged).toBe(issues.length);
  });

  it("writes only the values that differ", () => {
    const fake = new FakeProject(githubDefault());
    fake.sync();
    fake.apply([
      {
        kind: "set-project-value",
        key: "x",
        contentId: nodeOf(taskKey(PATH, "T001")),
        field: "Phase",
        value: "Someone's phase",
        reason: "",
      },
    ]);
    const plan = fake.plan();
    expect(plan.operations).toEqual([
      expect.objectContaining({
        kind: "set-project-value",
        key: taskKey(PATH, "T001"),
        field: "Phase",
        value: "Phase 1: Setup",
        reason: 'was "Someone\'s phase"',
      }),
    ]);
  });

  it("moves Status Todo → Ready → In Progress → Done as blockers close and a pull request opens", () => {
    const fake = new FakeProject(githubDefault());
    fake.sync();
    const t001 = nodeOf(taskKey(PATH, "T001"));
    const t003 = nodeOf(taskKey(PATH, "T003"));
    expect(fake.value(taskKey(PATH, "T003"), "Status")).toBe("Todo");
    expect(fake.value(taskKey(PATH, "T001"), "Status")).toBe("Ready");

    const changes = () =>
      fake.sync().operations.map((o) => (o.kind === "set-project-value" ? [o.key, o.field, o.value] : o.kind));
    fake.states.get(t001)!.state = "closed";
    const phase1 = phaseKey(PATH, phaseSlots(doc)[0]!.key);
    expect(changes()).toEqual([
      [trackingKey(PATH), "Status", "In Progress"],
      [phase1, "Status", "In Progress"],
      [taskKey(PATH, "T001"), "Status", "Done"],
    ]);
    expect(fake.value(taskKey(PATH, "T003"), "Status")).toBe("Todo"); // phase 2 waits for all of phase 1
    fake.states.get(nodeOf(taskKey(PATH, "T002")))!.state = "closed";
    expect(changes()).toEqual([
      [phase1, "Status", "Done"],
      [phaseKey(PATH, phaseSlots(doc)[1]!.key), "Status", "Ready"],
      [taskKey(PATH, "T002"), "Status", "Done"],
      [taskKey(PATH, "T003"), "Status", "Ready"],
    ]);

    fake.states.get(t003)!.openPullRequests = 1;
    fake.sync();
    expect(fake.value(taskKey(PATH, "T003"), "Status")).toBe("In Progress");

    fake.states.get(t003)!.state = "closed";
    fake.sync(parseTaskList(PATH, LIST.replace("- [ ] T003", "- [x] T003")));
    expect(fake.value(taskKey(PATH, "T003"), "Status")).toBe("Done");
    expect(fake.value(phaseKey(PATH, phaseSlots(doc)[1]!.key), "Status")).toBe("Done");
  });

  it("a project with items and no Ready option: the options are not replaced, Ready shows as Todo, and a note says what to do", () => {
    const fake = new FakeProject(githubDefault(), 3);
    const plan = fake.sync();
    expect(kinds(plan.operations)).not.toContain("set-field-options");
    expect(fake.value(taskKey(PATH, "T001"), "Status")).toBe("Todo");
    expect(plan.notes).toEqual([
      expect.stringContaining('"Status" field has no "Ready" option: add it in the project\'s settings'),
    ]);
  });

  it("leaves a field of another type alone and says so; matches option names without regard to case", () => {
    const fields = githubDefault();
    fields.push({ id: "F_prio", name: "priority", dataType: "NUMBER" });
    fields[1]!.options!.push({ id: "O_ready", name: "READY", color: "BLUE", description: "" });
    const fake = new FakeProject(fields, 1);
    const plan = fake.sync();
    expect(plan.operations.some((o) => o.kind === "create-project-field" && o.field === "Priority")).toBe(false);
    expect(plan.operations.some((o) => o.kind === "set-project-value" && o.field === "Priority")).toBe(false);
    expect(plan.notes).toEqual([expect.stringContaining('"priority" field is a NUMBER field')]);
    expect(fake.value(taskKey(PATH, "T001"), "Status")).toBe("READY");
    expect(fake.plan().operations).toEqual([]);
  });
});
