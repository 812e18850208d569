import { describe, expect, it } from "@jest/globals";
import { CheckboxLookup } from "../../../src/tasks/checkbox-lookup.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import { corpusAvailable, corpusFiles } from "../../../scripts/corpus/corpus-files.js";
import { fixture, fixtureNames, toCrlf } from "./fixture-files.js";

/**
 * The lookup answers only what the full parse would: for every id a list mentions, its answer
 * is the checkbox offset of the first task with that id in parseTaskList's result, or null
 * ("ask the full parse") — never another offset.
 */
function compare(text: string): { answered: number; asked: number } {
  const doc = parseTaskList("tasks.md", text);
  const expected = new Map(doc.tasks.map((t) => [t.id, t.checkboxOffset]));
  const mentioned = new Set([
    ...expected.keys(),
    ...(text.match(/\b(?:T-?\d+[a-zA-Z]?|TASK-\d+|\d+\.\d+)\b/g) ?? []),
    "T9999",
  ]);
  const lookup = new CheckboxLookup(text);
  let answered = 0;
  for (const id of mentioned) {
    const answer = lookup.find(id);
    if (answer === null) continue;
    answered++;
    expect({ id, offset: answer }).toEqual({ id, offset: expected.get(id) });
  }
  return { answered, asked: mentioned.size };
}

describe("checkbox lookup", () => {
  it("finds a task's box by reading only the lines that mention it", () => {
    const text =
      "# Tasks\n\nT002 comes after T001.\n\n```\n- [ ] T001 fenced\n```\n> - [ ] T001 quoted\n<!-- - [ ] T001 -->\n- [ ] T002 after T001\n- [x] T001 real\n- [ ] T001 again\n";
    const lookup = new CheckboxLookup(text);
    expect(lookup.find("T001")).toBe(text.indexOf("- [x] T001 real") + 3);
    expect(lookup.find("T002")).toBe(text.indexOf("- [ ] T002 after") + 3);
  });

  it("finds tasks named by a range, and skips frontmatter", () => {
    const text = "---\nnote: - [ ] T041 not here\n---\n- [~] T040-T044 DROPPED\n";
    expect(new CheckboxLookup(text).find("T042")).toBe(text.indexOf("[~]") + 1);
  });

  it("asks the full parse where the line alone cannot tell", () => {
    const cases: [string, string][] = [
      ["### T001: a heading task\n- [ ] T001 later\n", "T001"],
      ["## Phase 1: A\n- **T001** — bold, no box\n- [ ] T001 later\n", "T001"],
      ["- [ ] 1.1 numbered\n", "1.1"],
      ["- [ ] T001 a\n", "T009"],
      ["- T001 no box\n", "T001"],
    ];
    for (const [text, id] of cases) expect(new CheckboxLookup(text).find(id)).toBeNull();
    const plain = "- T001 no box, no bold\n- [ ] T001 boxed\n";
    expect(new CheckboxLookup(plain).find("T001")).toBe(plain.indexOf("[ ]") + 1);
    expect(parseTaskList("tasks.md", plain).tasks[0]?.checkboxOffset).toBe(plain.indexOf("[ ]") + 1);
  });

  it("answers for every checkbox task of a spec-kit list", () => {
    const text = fixture("spec-kit-basic.md");
    const doc = parseTaskList("tasks.md", text);
    const lookup = new CheckboxLookup(text);
    expect(doc.tasks.map((t) => lookup.find(t.id))).toEqual(doc.tasks.map((t) => t.checkboxOffset));
  });

  it.each(fixtureNames())("fixture %s: every answer is the full parse's (LF and CRLF)", (name) => {
    for (const text of [fixture(name), toCrlf(fixture(name))]) compare(text);
  });

  if (corpusAvailable("checkbox lookup")) {
    it("corpus: every answer is the full parse's, and most ids are answered without it", () => {
      let answered = 0;
      let tasks = 0;
      for (const { text } of corpusFiles()) {
        answered += compare(text).answered;
        tasks += parseTaskList("tasks.md", text).tasks.filter((t) => t.checkboxOffset >= 0 && !/^\d/.test(t.id)).length;
      }
      expect(answered).toBeGreaterThan(tasks * 0.9);
    });
  }
});
