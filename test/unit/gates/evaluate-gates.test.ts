import { describe, expect, it } from "@jest/globals";
import { evaluateGates, touchesTasks } from "../../../src/gates/evaluate-gates.js";
import type { FeatureDocs, GateResult, WorkedTask } from "../../../src/gates/gate-model.js";
import { taskKey } from "../../../src/identity/marker.js";
import { changedList, referencedList, SPEC_KIT, SPEC_PATH, tick, XE, XE_PATH } from "./gate-fixtures.js";

/** Foundational done at the base. */
const FOUNDED = tick(SPEC_KIT, "T002", "T003");
const FOUNDATIONAL = "Phase 2: Foundational (Blocking Prerequisites)";

interface Row {
  name: string;
  features: FeatureDocs[];
  worked: Array<[path: string, id: string, reason?: WorkedTask["reasons"][number]]>;
  closedIssues?: string[];
  evidence?: boolean;
  body?: string;
  /** Each failed gate as compact text; [] when all passed. */
  failures: string[];
}

const work = (
  id: string,
  reason: WorkedTask["reasons"][number] = "ticks",
): [string, string, WorkedTask["reasons"][number]] => [SPEC_PATH, id, reason];

const rows: Row[] = [
  {
    name: "a task ticked while its task-level blocker is open fails, naming the blocker",
    features: [changedList(SPEC_PATH, FOUNDED, tick(FOUNDED, "T005"))],
    worked: [work("T005")],
    failures: ["dependencies: T005 ← T004"],
  },
  {
    name: "the blocker's issue closed as completed counts as done",
    features: [changedList(SPEC_PATH, FOUNDED, tick(FOUNDED, "T005"))],
    worked: [work("T005")],
    closedIssues: ["T004"],
    failures: [],
  },
  {
    name: "the blocker ticked in the same PR counts as done",
    features: [changedList(SPEC_PATH, FOUNDED, tick(FOUNDED, "T004", "T005"))],
    worked: [work("T004"), work("T005")],
    failures: [],
  },
  {
    name: "the blocker ticked at the base counts as done",
    features: [changedList(SPEC_PATH, tick(FOUNDED, "T004"), tick(FOUNDED, "T004", "T005"))],
    worked: [work("T005")],
    failures: [],
  },
  {
    name: "starting a user story while Foundational is open fails, naming the open Foundational tasks",
    features: [changedList(SPEC_PATH, SPEC_KIT, tick(SPEC_KIT, "T004"))],
    worked: [work("T004")],
    failures: [`dependencies: T004 ← ${FOUNDATIONAL} [T002, T003]`],
  },
  {
    name: "a story task named in the title is gated too, even unticked",
    features: [referencedList(SPEC_PATH, tick(SPEC_KIT, "T002"))],
    worked: [work("T007", "title")],
    failures: [`dependencies: T007 ← ${FOUNDATIONAL} [T003]`],
  },
  {
    name: "Foundational done partly at the base and partly by closed issues lets the story start",
    features: [changedList(SPEC_PATH, tick(SPEC_KIT, "T002"), tick(SPEC_KIT, "T002", "T004"))],
    worked: [work("T004")],
    closedIssues: ["T003"],
    failures: [],
  },
  {
    name: "an issue closed as not planned is not done (not in the closed-as-completed set)",
    features: [changedList(SPEC_PATH, FOUNDED, tick(FOUNDED, "T005"))],
    worked: [work("T005")],
    closedIssues: [],
    failures: ["dependencies: T005 ← T004"],
  },
  {
    name: "Setup waits for nothing",
    features: [changedList(SPEC_PATH, SPEC_KIT.replace("[x] T001", "[ ] T001"), SPEC_KIT)],
    worked: [work("T001")],
    failures: [],
  },
  {
    name: "xe: a step waits for every task of the step before",
    features: [changedList(XE_PATH, XE, tick(XE, "T003"))],
    worked: [[XE_PATH, "T003", "ticks"]],
    failures: ["dependencies: T003 ← Step 1: Setup [T001, T002]"],
  },
  {
    name: "xe: inside a step, tasks run in order",
    features: [changedList(XE_PATH, XE, tick(XE, "T002"))],
    worked: [[XE_PATH, "T002", "ticks"]],
    failures: ["dependencies: T002 ← T001"],
  },
  {
    name: "a duplicate id added by the PR fails the well-formed gate on its line",
    features: [
      changedList(
        SPEC_PATH,
        SPEC_KIT,
        SPEC_KIT.replace("- [ ] T007 [US2] Share links", "- [ ] T007 [US2] Share links\n- [ ] T007 [US2] Share dialog"),
      ),
    ],
    worked: [],
    failures: ["well-formed: L21 duplicate-id"],
  },
  {
    name: "an unknown dependency in a changed list fails the well-formed gate",
    features: [changedList(SPEC_PATH, SPEC_KIT, SPEC_KIT.replace("(depends on T004)", "(depends on T040)"))],
    worked: [],
    failures: ["well-formed: L15 unknown-dependency"],
  },
  {
    name: "errors in a list the PR does not change do not fail it",
    features: [
      referencedList(SPEC_PATH, `${SPEC_KIT}- [ ] T007 again\n`),
      changedList(XE_PATH, XE, XE.replace("Query parser", "Parser")),
    ],
    worked: [],
    failures: [],
  },
  {
    name: "closing the issue of a task an error holds back fails on that task's line, even when the PR does not change its list",
    features: [referencedList(SPEC_PATH, `${tick(FOUNDED, "T004", "T005")}- [ ] T007 again\n`)],
    worked: [work("T007", "closes")],
    failures: ["well-formed: L20 held-task"],
  },
  {
    name: "a held task only named in the title is not completed by the PR: it passes",
    features: [referencedList(SPEC_PATH, `${tick(FOUNDED, "T004", "T005")}- [ ] T007 again\n`)],
    worked: [work("T007", "title")],
    failures: [],
  },
  {
    name: "working on a task no error holds back passes, though its list has an error",
    features: [referencedList(SPEC_PATH, `${tick(FOUNDED, "T004", "T005")}- [ ] T007 again\n`)],
    worked: [work("T006", "closes")],
    failures: [],
  },
  {
    name: "a changed list the parser could not read fails on line 1",
    features: [{ path: SPEC_PATH, base: null, head: null, changed: true, headError: "boom" }],
    worked: [],
    failures: ["well-formed: L1 unparsable"],
  },
  {
    name: "evidence: completing a task with commands needs them quoted",
    features: [changedList(SPEC_PATH, tick(FOUNDED, "T004", "T005"), tick(FOUNDED, "T004", "T005", "T006"))],
    worked: [work("T006")],
    evidence: true,
    body: "Done. Ran `npm run build`.",
    failures: ["evidence: T006 needs pytest backend/tests/"],
  },
  {
    name: "evidence: commands in a fenced block count",
    features: [changedList(SPEC_PATH, tick(FOUNDED, "T004", "T005"), tick(FOUNDED, "T004", "T005", "T006"))],
    worked: [work("T006")],
    evidence: true,
    body: "Verification:\n\n```console\n$ pytest backend/tests/ -q\n$ npm run build\n```\n",
    failures: [],
  },
  {
    name: "evidence: commands in plain text (not code) do not count",
    features: [changedList(SPEC_PATH, tick(FOUNDED, "T004", "T005"), tick(FOUNDED, "T004", "T005", "T006"))],
    worked: [work("T006")],
    evidence: true,
    body: "Ran pytest backend/tests/ and npm run build",
    failures: ["evidence: T006 needs pytest backend/tests/, npm run build"],
  },
  {
    name: "evidence: a task only named in the title is not completed by the PR",
    features: [referencedList(SPEC_PATH, tick(FOUNDED, "T004", "T005"))],
    worked: [work("T006", "title")],
    evidence: true,
    failures: [],
  },
  {
    name: "evidence off (the default): no evidence gate",
    features: [changedList(SPEC_PATH, tick(FOUNDED, "T004", "T005"), tick(FOUNDED, "T004", "T005", "T006"))],
    worked: [work("T006")],
    failures: [],
  },
];

function compact(results: GateResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.passed) continue;
    if (r.gate === "dependencies") {
      for (const b of r.blocked) {
        const parts = [
          ...(b.tasks.length > 0 ? [b.tasks.map((t) => t.id).join(", ")] : []),
          ...b.phases.map((p) => `${p.label} [${p.open.map((t) => t.id).join(", ")}]`),
        ];
        out.push(`dependencies: ${b.taskId} ← ${parts.join("; ")}`);
      }
    } else if (r.gate === "well-formed") {
      for (const p of r.problems) out.push(`well-formed: L${p.line} ${p.code}`);
    } else {
      for (const m of r.missing) out.push(`evidence: ${m.taskId} needs ${m.commands.join(", ")}`);
    }
  }
  return out;
}

describe("evaluateGates", () => {
  it.each(rows)("$name", (row) => {
    const worked: WorkedTask[] = row.worked.map(([path, id, reason]) => ({ path, id, reasons: [reason ?? "ticks"] }));
    const results = evaluateGates({
      features: row.features,
      worked,
      doneIssues: new Set((row.closedIssues ?? []).map((id) => taskKey(SPEC_PATH, id))),
      config: { evidence: row.evidence ?? false },
      body: row.body ?? "",
    });
    expect(compact(results)).toEqual(row.failures);
    expect(results.map((r) => r.gate)).toEqual(
      row.evidence ? ["dependencies", "well-formed", "evidence"] : ["dependencies", "well-formed"],
    );
    expect(results.every((r) => r.passed)).toBe(row.failures.length === 0);
  });

  it("names the tasks each error in a changed list holds back", () => {
    const cycle = SPEC_KIT.replace(
      "- [ ] T007 [US2] Share links",
      "- [ ] T007 [US2] Share links (depends on T008)\n- [ ] T008 [US2] Share dialog (depends on T007)",
    );
    const [, wellFormed] = evaluateGates({
      features: [changedList(SPEC_PATH, SPEC_KIT, cycle)],
      worked: [],
      doneIssues: new Set(),
      config: { evidence: false },
      body: "",
    });
    expect(wellFormed).toMatchObject({
      gate: "well-formed",
      passed: false,
      problems: [{ code: "dependency-cycle", line: 20, held: ["T007", "T008"] }],
    });
  });

  it("records the line of each open blocker, for links and annotations", () => {
    const [deps] = evaluateGates({
      features: [changedList(SPEC_PATH, FOUNDED, tick(FOUNDED, "T005"))],
      worked: [{ path: SPEC_PATH, id: "T005", reasons: ["ticks"] }],
      doneIssues: new Set(),
      config: { evidence: false },
      body: "",
    });
    expect(deps).toEqual({
      gate: "dependencies",
      passed: false,
      blocked: [{ path: SPEC_PATH, taskId: "T005", line: 15, tasks: [{ id: "T004", line: 14 }], phases: [] }],
    });
  });
});

describe("touchesTasks", () => {
  it.each([
    ["no worked task, no changed list", [referencedList(SPEC_PATH, SPEC_KIT)], [], false],
    ["a changed list", [changedList(SPEC_PATH, SPEC_KIT, SPEC_KIT)], [], true],
    [
      "a worked task",
      [referencedList(SPEC_PATH, SPEC_KIT)],
      [{ path: SPEC_PATH, id: "T002", reasons: ["title"] }],
      true,
    ],
  ] as Array<[string, FeatureDocs[], WorkedTask[], boolean]>)("%s → %s", (_name, features, worked, expected) => {
    expect(touchesTasks(features, worked)).toBe(expected);
  });
});
