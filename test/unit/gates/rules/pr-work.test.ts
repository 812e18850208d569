import { describe, expect, it } from "@jest/globals";
import type { FeatureDocs } from "../../../../src/gates/gate-model.js";
import { prWork } from "../../../../src/gates/rules/pr-work.js";
import { taskRefsOf } from "../../../../src/gates/rules/task-refs.js";
import type { Marker } from "../../../../src/identity/marker.js";
import { changedList, referencedList, SPEC_KIT, SPEC_PATH, tick, XE, XE_PATH } from "../gate-fixtures.js";

const SHARING = "specs/002-sharing/tasks.md";

interface Row {
  name: string;
  features: FeatureDocs[];
  title?: string;
  branch?: string;
  closing?: Marker[];
  branchFeatures?: string[];
  worked: string[];
  unresolved?: string[];
}

const rows: Row[] = [
  {
    name: "ticks in the diff count; a tick already at the base does not",
    features: [changedList(SPEC_PATH, SPEC_KIT, tick(SPEC_KIT, "T002", "T004"))],
    worked: ["T002:ticks", "T004:ticks"],
  },
  {
    name: "a new list with ticked tasks: each tick counts",
    features: [changedList(XE_PATH, null, tick(XE, "T001"))],
    worked: [".xe:T001:ticks"],
  },
  {
    name: "an unticked task is not worked on",
    features: [changedList(SPEC_PATH, SPEC_KIT, SPEC_KIT.replace("- [x] T001", "- [ ] T001"))],
    worked: [],
  },
  {
    name: "a bare id in the title resolves in the changed list",
    features: [changedList(SPEC_PATH, SPEC_KIT, SPEC_KIT.replace("Share links", "Share links with expiry"))],
    title: "T007 share link expiry",
    worked: ["T007:title"],
  },
  {
    name: "a qualified id in the branch resolves in its feature, not the changed list",
    features: [
      changedList(XE_PATH, XE, XE.replace("Query parser", "Query parser v2")),
      referencedList(SPEC_PATH, SPEC_KIT),
    ],
    branch: "001-photo-albums-t005",
    worked: ["T005:branch"],
  },
  {
    name: "a bare id with no changed list resolves in the branch's feature",
    features: [referencedList(SPEC_PATH, SPEC_KIT), referencedList(SHARING, SPEC_KIT)],
    title: "T004 album service",
    branchFeatures: ["001-photo-albums"],
    worked: ["T004:title"],
  },
  {
    name: "a bare id with several candidate lists and no hint stays unresolved",
    features: [referencedList(SPEC_PATH, SPEC_KIT), referencedList(SHARING, SPEC_KIT)],
    title: "T004 album service",
    worked: [],
    unresolved: ["T004"],
  },
  {
    name: "an id no list has is unresolved",
    features: [referencedList(SPEC_PATH, SPEC_KIT)],
    title: "T099 something",
    worked: [],
    unresolved: ["T099"],
  },
  {
    name: "a range in the title expands over the list's ids",
    features: [referencedList(SPEC_PATH, SPEC_KIT)],
    title: "T004-T006 album service",
    worked: ["T004:title", "T005:title", "T006:title"],
  },
  {
    name: "closing a task issue works on that task",
    features: [referencedList(SPEC_PATH, SPEC_KIT)],
    closing: [{ kind: "task", path: SPEC_PATH, id: "T005", text: "x" }],
    worked: ["T005:closes"],
  },
  {
    name: "closing a phase issue works on the phase's tasks",
    features: [referencedList(SPEC_PATH, SPEC_KIT)],
    closing: [{ kind: "phase", path: SPEC_PATH, phase: "2" }],
    worked: ["T002:closes", "T003:closes"],
  },
  {
    name: "a closed tracking issue or an issue of another list adds nothing",
    features: [referencedList(SPEC_PATH, SPEC_KIT)],
    closing: [
      { kind: "tracking", path: SPEC_PATH },
      { kind: "task", path: SHARING, id: "T002", text: "x" },
    ],
    worked: [],
  },
  {
    name: "reasons accumulate and tasks come in document order",
    features: [changedList(SPEC_PATH, SPEC_KIT, tick(SPEC_KIT, "T005"))],
    title: "T005 and T002",
    closing: [{ kind: "task", path: SPEC_PATH, id: "T005", text: "x" }],
    worked: ["T002:title", "T005:ticks+closes+title"],
  },
  {
    name: "a list the PR deletes has no head: nothing in it is worked on",
    features: [changedList(SPEC_PATH, SPEC_KIT, null)],
    title: "T002",
    worked: [],
    unresolved: ["T002"],
  },
];

describe("prWork", () => {
  it.each(rows)("$name", (row) => {
    const result = prWork({
      features: row.features,
      refs: taskRefsOf(row.title ?? "", row.branch ?? "main"),
      closing: row.closing ?? [],
      branchFeatures: row.branchFeatures ?? [],
    });
    const short = result.worked.map(
      (w) => `${w.path === XE_PATH ? ".xe:" : w.path === SPEC_PATH ? "" : `${w.path}:`}${w.id}:${w.reasons.join("+")}`,
    );
    expect(short).toEqual(row.worked);
    expect(result.unresolved).toEqual(row.unresolved ?? []);
  });
});
