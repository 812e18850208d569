/**
 * Dispatch planned: which ready tasks go to an agent, in what order, how many at once, and that
 * each is handed out exactly once — planned again after it was applied, nothing more is sent; a
 * person who takes a task back is not overruled until they hand it out again.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { configSchema, type TasksyncConfig } from "../../../../src/config/schema.js";
import { parseMarker } from "../../../../src/identity/marker.js";
import { planFile, type Plan } from "../../../../src/reconcile/plan/plan-list.js";
import type { DispatchObservation } from "../../../../src/reconcile/dispatch/plan-dispatch.js";
import { NO_AGENT_TOKEN } from "../../../../src/reconcile/dispatch/plan-dispatch.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { LIST, PATH } from "../../../fixtures/photo-albums.js";
import { FakeGitHub } from "../fake-github.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const digest = (text: string): string => createHash("sha1").update(text).digest("hex");

const SEQUENTIAL = `# Tasks: Sequence

## Phase 1: Setup

- [ ] T010 First step
- [ ] T011 Second step
- [ ] T012 [P] Side task in \`docs/a.md\`
- [ ] T013 [P] Another side task
`;

const KIRO_PATH = ".kiro/specs/sequence/tasks.md";
const KIRO = `# Implementation Plan

- [ ] 1. Set up the project
- [ ] 2. Build the parser
- [ ] 3. Write the tests
`;

interface Options {
  path?: string;
  text?: string;
  agents: Record<string, unknown>;
}

/** A list synced (its issues exist), then planned and applied as often as a test asks. */
function repo(options: Options) {
  const path = options.path ?? PATH;
  const config: TasksyncConfig = configSchema.parse({ agents: options.agents });
  const gh = new FakeGitHub();
  let text = options.text ?? LIST;
  const texts = new Map<string, string>();
  /** The base the tracking issue records, as the reconcile reads it. */
  const baseline = () => {
    const tracking = gh.observe().issues.find((i) => i.marker.kind === "tracking");
    const base =
      tracking?.marker.kind === "tracking" && tracking.marker.sha ? texts.get(tracking.marker.sha) : undefined;
    return base === undefined ? null : parseTaskList(path, base);
  };
  const plan = (seen: DispatchObservation = { agentToken: false }, redispatch?: string[]): Plan => {
    texts.set(digest(text), text);
    return planFile({
      path,
      doc: parseTaskList(path, text),
      baseline: baseline(),
      blobSha: digest(text),
      commitSha: "c0ffee",
      config,
      ctx,
      observed: { ...gh.observe(), dispatch: seen },
      ...(redispatch ? { redispatch: new Set(redispatch) } : {}),
    });
  };
  gh.apply(plan());
  return {
    gh,
    plan,
    /** Plans and applies; returns the plan. */
    run(seen?: DispatchObservation, redispatch?: string[]): Plan {
      const p = plan(seen, redispatch);
      gh.apply(p);
      return p;
    },
    setText(next: string): void {
      text = next;
    },
    /** The task's issue closed as completed and its box ticked (what the write-back's commit does). */
    done(id: string): void {
      gh.task(id).state = "closed";
      gh.task(id).stateReason = "completed";
      text = text.replace(new RegExp(`- \\[ \\] ${id.replace(".", "\\.")}([ .])`), `- [x] ${id}$1`);
    },
    record: (id: string) => {
      const m = parseMarker(gh.task(id).body);
      return m?.kind === "task" ? m.agent : undefined;
    },
  };
}

const handedOut = (plan: Plan): string[] =>
  plan.operations.flatMap((op) => (op.kind === "dispatch-task" ? [op.taskId] : []));

describe("dispatch planning", () => {
  it("hands the ready task out once: recorded in its marker, nothing planned again", () => {
    const r = repo({ agents: { dispatch: "label", label: "claude" } });
    expect(r.gh.handoffs).toHaveLength(0); // a task's issue exists before it is handed out
    expect(handedOut(r.run())).toEqual(["T001"]);
    expect(r.gh.task("T001").labels).toContain("claude");
    expect(r.record("T001")).toEqual({ via: "label", state: "out" });
    expect(r.run().operations).toEqual([]);
    expect(r.run().operations).toEqual([]);
    expect(r.gh.handoffs.map((h) => h.taskId)).toEqual(["T001"]);
  });

  it("hands out nothing with dispatch: none, and keeps an existing record when dispatch is turned off", () => {
    const r = repo({ agents: { dispatch: "none" } });
    expect(r.run().operations).toEqual([]);
    const labelled = repo({ agents: { dispatch: "label", label: "claude" } });
    labelled.run();
    const off = planFile({
      path: PATH,
      doc: parseTaskList(PATH, LIST),
      baseline: parseTaskList(PATH, LIST),
      blobSha: digest(LIST),
      commitSha: "c0ffee",
      config: configSchema.parse({}),
      ctx,
      observed: labelled.gh.observe(),
    });
    expect(off.operations).toEqual([]);
  });

  it("the next task goes when the one in flight closes and unblocks it", () => {
    const r = repo({ agents: { dispatch: "label", label: "claude", maxInFlight: 1 } });
    r.run();
    r.gh.task("T001").state = "closed";
    r.gh.task("T001").stateReason = "completed";
    r.setText(LIST.replace("- [ ] T001", "- [x] T001"));
    expect(handedOut(r.run())).toEqual(["T003"]);
    expect(r.gh.handoffs.map((h) => h.taskId)).toEqual(["T001", "T003"]);
  });

  it("within a phase: a task without [P] waits for the earlier one without [P]; [P] tasks go alongside", () => {
    const r = repo({ text: SEQUENTIAL, agents: { dispatch: "label", label: "claude", maxInFlight: 5 } });
    expect(handedOut(r.run())).toEqual(["T010", "T012", "T013"]);
    r.done("T010");
    expect(handedOut(r.run())).toEqual(["T011"]);
  });

  it("at most maxInFlight tasks of a list are with agents at once", () => {
    const r = repo({ text: SEQUENTIAL, agents: { dispatch: "label", label: "claude", maxInFlight: 2 } });
    expect(handedOut(r.run())).toEqual(["T010", "T012"]);
    expect(r.run().operations).toEqual([]);
    expect(r.plan().inProgress?.map((t) => t.taskId)).toEqual(["T010", "T012"]);
    r.done("T012");
    expect(handedOut(r.run())).toEqual(["T013"]);
  });

  it("a list without [P] markers (Kiro) goes one task at a time, in order", () => {
    const r = repo({ path: KIRO_PATH, text: KIRO, agents: { dispatch: "label", label: "kiro", maxInFlight: 3 } });
    expect(handedOut(r.run())).toEqual(["1"]);
    r.done("1");
    expect(handedOut(r.run())).toEqual(["2"]);
  });

  it("`only` lets only the named phases, stories or labels go", () => {
    const r = repo({
      text: SEQUENTIAL,
      agents: { dispatch: "label", label: "claude", maxInFlight: 5, only: ["parallel"] },
    });
    expect(handedOut(r.run())).toEqual(["T012", "T013"]);
    const none = repo({ agents: { dispatch: "label", label: "claude", only: ["US1"] } });
    expect(handedOut(none.run())).toEqual([]); // T001 is in Setup, no story
  });

  it("a task a person is assigned to is not handed out", () => {
    const r = repo({ agents: { dispatch: "label", label: "claude" } });
    r.gh.task("T001").assignees = ["mona"];
    expect(handedOut(r.run())).toEqual([]);
  });

  it("a person who removes the label takes the task back: recorded, not handed out again until they ask", () => {
    const r = repo({ agents: { dispatch: "label", label: "claude" } });
    r.run();
    r.gh.task("T001").labels = r.gh.task("T001").labels.filter((l) => l !== "claude");
    const back = r.run();
    expect(handedOut(back)).toEqual([]);
    expect(r.record("T001")).toEqual({ via: "label", state: "back" });
    expect(back.notes).toContain("T001 was taken back from the agent: the agent's label was removed");
    expect(r.run().operations).toEqual([]);
    expect(r.gh.task("T001").labels).not.toContain("claude");
    // A person asks again with /tasksync dispatch T001.
    expect(handedOut(r.run({ agentToken: false }, ["T001"]))).toEqual(["T001"]);
    expect(r.record("T001")).toEqual({ via: "label", state: "out" });
    expect(r.gh.handoffs).toHaveLength(2);
  });

  it("a person who puts the label back hands the task out again (recorded, nothing sent)", () => {
    const r = repo({ agents: { dispatch: "label", label: "claude" } });
    r.run();
    r.gh.task("T001").labels = r.gh.task("T001").labels.filter((l) => l !== "claude");
    r.run();
    r.gh.task("T001").labels.push("claude");
    expect(handedOut(r.run())).toEqual([]);
    expect(r.record("T001")).toEqual({ via: "label", state: "out" });
    expect(r.gh.handoffs).toHaveLength(1);
  });

  it("assigning a person takes the task back from the agent", () => {
    const r = repo({ agents: { dispatch: "workflow" } });
    r.run();
    r.gh.task("T001").assignees = ["mona"];
    r.run();
    expect(r.record("T001")).toEqual({ via: "workflow", state: "back" });
    r.gh.task("T001").assignees = [];
    expect(r.run().operations).toEqual([]); // back stays back: nothing is handed out by itself
  });

  it("a label on the issue with no record (a crash after the send) is recorded, not sent again", () => {
    const r = repo({ agents: { dispatch: "label", label: "claude" } });
    r.gh.task("T001").labels.push("claude");
    const p = r.run();
    expect(handedOut(p)).toEqual([]);
    expect(r.record("T001")).toEqual({ via: "label", state: "out" });
  });

  it("copilot without a user token: hands nothing out and says what to set", () => {
    const r = repo({ agents: { dispatch: "copilot" } });
    const p = r.run({ agentToken: false });
    expect(handedOut(p)).toEqual([]);
    expect(p.warnings).toContainEqual({ message: NO_AGENT_TOKEN });
    expect(NO_AGENT_TOKEN).toContain("TASKSYNC_AGENT_TOKEN");
    expect(NO_AGENT_TOKEN).toContain("agent-token");
  });

  it("copilot with a user token: assigns the agent on the default branch, with the instructions", () => {
    const r = repo({ agents: { dispatch: "copilot" } });
    const p = r.run({ agentToken: true, folder: ["spec.md", "plan.md", "contracts/", "tasks.md"] });
    const op = p.operations.find((o) => o.kind === "dispatch-task");
    expect(op?.kind === "dispatch-task" && op.send).toMatchObject({
      mode: "copilot",
      assignee: "copilot-swe-agent[bot]",
      baseBranch: "main",
    });
    const instructions = op?.kind === "dispatch-task" && op.send.mode === "copilot" ? op.send.instructions : "";
    const n = r.gh.task("T001").number;
    expect(instructions).toContain("> T001 Create project structure");
    expect(instructions).toContain("Phase: Phase 1: Setup");
    expect(instructions).toContain(
      "- [specs/001-photo-albums/spec.md](https://github.com/o/r/blob/main/specs/001-photo-albums/spec.md)",
    );
    expect(instructions).toContain("- [specs/001-photo-albums/contracts/]");
    expect(instructions).not.toContain("data-model.md"); // not in the folder
    expect(instructions).toContain(`Put \`Closes #${n}\` in the pull request's body.`);
    expect(instructions).toContain("Change no other task's checkbox");
    expect(r.gh.task("T001").assignees).toEqual(["copilot-swe-agent[bot]"]);
    // Unassigning the agent takes it back.
    r.gh.task("T001").assignees = [];
    r.run({ agentToken: true });
    expect(r.record("T001")).toEqual({ via: "copilot", state: "back" });
  });

  it("workflow: a repository_dispatch of at most 10 payload keys with path, taskId, issue, title and instructions", () => {
    const r = repo({ agents: { dispatch: "workflow" } });
    const op = r.run().operations.find((o) => o.kind === "dispatch-task");
    if (op?.kind !== "dispatch-task" || op.send.mode !== "workflow") throw new Error("no workflow dispatch");
    expect(op.send.eventType).toBe("tasksync-task-ready");
    expect(Object.keys(op.send.payload).length).toBeLessThanOrEqual(10);
    expect(op.send.payload).toMatchObject({ path: PATH, taskId: "T001", issue: r.gh.task("T001").number });
    expect(String(op.send.payload["instructions"])).toContain("One task per pull request");
    expect(JSON.stringify(op.send.payload).length).toBeLessThan(65_536);
  });

  it("comment: reads the issue's comments first, then posts one comment opening with the mention", () => {
    const r = repo({ agents: { dispatch: "comment", comment: "@claude" } });
    const first = r.plan();
    const key = `${PATH}#T001`;
    expect(first.dispatchReads).toEqual([key]);
    expect(handedOut(first)).toEqual([]);
    const p = r.run({ comments: new Map([[key, null]]) });
    const op = p.operations.find((o) => o.kind === "dispatch-task");
    expect(op?.kind === "dispatch-task" && op.send.mode === "comment" && op.send.body.startsWith("@claude ")).toBe(
      true,
    );
    // The comment found (a crash after the post): recorded, not posted again.
    const again = repo({ agents: { dispatch: "comment", comment: "@claude" } });
    const adopted = again.run({ comments: new Map([[key, 77]]) });
    expect(handedOut(adopted)).toEqual([]);
    expect(again.record("T001")).toEqual({ via: "comment", state: "out", comment: 77 });
    // Deleted by a person: taken back.
    again.run({ comments: new Map([[key, null]]) });
    expect(again.record("T001")).toEqual({ via: "comment", state: "back", comment: 77 });
  });
});
