/** Which `issues.edited` events are worth a reconcile: a body edit that changed a phase checklist's boxes. */
import { describe, expect, it } from "@jest/globals";
import { checklistChanged } from "../../../src/handlers/on-issue-edited.js";

const body = (t3: boolean, note = ""): string =>
  [
    note,
    "<!-- tasksync:checklist -->",
    "",
    `- [${t3 ? "x" : " "}] **T003** Database schema`,
    "",
    "<!-- /tasksync:checklist -->",
    '<!-- tasksync:v1 {"kind":"phase","path":"a/tasks.md","phase":"2","done":[]} -->',
  ].join("\n");

describe("checklistChanged", () => {
  it.each<[string, string | undefined, string, boolean]>([
    ["a box ticked", body(false), body(true), true],
    ["a box unticked", body(true), body(false), true],
    ["text added outside the checklist", body(false), body(false, "Note: ask Ana first"), false],
    ["a title edit (no body in changes)", undefined, body(true), false],
    ["a body without a checklist", "plain", "plain text", false],
    ["the checklist deleted", body(true), "gone", true],
  ])("%s", (_what, before, after, expected) => {
    expect(checklistChanged(before, after)).toBe(expected);
  });
});
