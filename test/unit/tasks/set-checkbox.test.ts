import { describe, expect, it } from "@jest/globals";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import { CheckboxError, setCheckbox, setCheckboxMarker } from "../../../src/tasks/set-checkbox.js";
import { diffOffsets } from "../../support/text-diff.js";
import { corpusAvailable, corpusFiles } from "../../../scripts/corpus/corpus-files.js";
import { fixture, fixtureNames, toCrlf } from "./fixture-files.js";

/**
 * Flips every tickable task and flips it back, one at a time. Flipping back uses setCheckbox;
 * only when that cannot restore the marker (a non-standard one like "~", or the minority tick
 * style of a file that mixes "x" and "X") does it fall back to setCheckboxMarker.
 */
function flipEveryTaskAndBack(text: string): { text: string; flipped: number; viaMarker: string[] } {
  const doc = parseTaskList("tasks.md", text);
  let current = text;
  let flipped = 0;
  const viaMarker: string[] = [];
  for (const task of doc.tasks) {
    if (task.checkboxOffset < 0) continue;
    const changed = setCheckbox(current, task.id, !task.checked);
    expect(changed).not.toBe(current);
    expect(changed.length).toBe(current.length);
    flipped++;
    current = setCheckbox(changed, task.id, task.checked);
    if (current[task.checkboxOffset] !== task.marker) {
      viaMarker.push(task.id);
      current = setCheckboxMarker(changed, task.id, task.marker);
    }
  }
  return { text: current, flipped, viaMarker };
}

describe("setCheckbox", () => {
  it("changes exactly one character", () => {
    const text = fixture("spec-kit-basic.md");
    const out = setCheckbox(text, "T003", true);
    expect(diffOffsets(text, out)).toEqual([
      parseTaskList("t.md", text).tasks.find((t) => t.id === "T003")?.checkboxOffset,
    ]);
    expect(out.split("\n")[36]).toBe("- [x] T003 Define the `Album` model in `src/albums/model.ts`");
  });

  it("writes x when the file has no ticks or as many x as X", () => {
    expect(setCheckbox("- [ ] T001 a\n", "T001", true)).toBe("- [x] T001 a\n");
    expect(setCheckbox(fixture("markers.md"), "T001", true).split("\n")[4]).toBe("- [x] T001 Plain open task");
  });

  it("writes X when the file ticks with X", () => {
    const text = "- [X] T001 a\n- [X] T002 b\n- [ ] T003 c\n";
    expect(setCheckbox(text, "T003", true)).toBe("- [X] T001 a\n- [X] T002 b\n- [X] T003 c\n");
    expect(setCheckbox(text, "T001", false)).toBe("- [ ] T001 a\n- [X] T002 b\n- [ ] T003 c\n");
  });

  it("leaves already-set boxes and non-standard 'not done' markers alone", () => {
    const text = "- [x] T001 a\n- [~] T002 b\n";
    expect(setCheckbox(text, "T001", true)).toBe(text);
    expect(setCheckbox(text, "T002", false)).toBe(text);
    expect(setCheckbox(text, "T002", true)).toBe("- [x] T001 a\n- [x] T002 b\n");
  });

  it("keeps CRLF, trailing spaces and a missing final newline", () => {
    const text = "- [ ] T001 a  \r\n- [ ] T002 b\t\r\n- [ ] T003 c";
    expect(setCheckbox(text, "T003", true)).toBe("- [ ] T001 a  \r\n- [ ] T002 b\t\r\n- [x] T003 c");
    expect(setCheckbox(text, "T001", true)).toBe("- [x] T001 a  \r\n- [ ] T002 b\t\r\n- [ ] T003 c");
  });

  it("uses the first task of a duplicated id", () => {
    const text = "- [ ] T001 first\n- [ ] T001 again\n";
    expect(setCheckbox(text, "T001", true)).toBe("- [x] T001 first\n- [ ] T001 again\n");
  });

  it("throws CheckboxError for an unknown id or a task without a checkbox", () => {
    expect(() => setCheckbox("- [ ] T001 a\n", "T009", true)).toThrow(CheckboxError);
    expect(() => setCheckbox("## Phase 1: A\n- **T001** — a\n", "T001", true)).toThrow(/no checkbox/);
    expect(() => setCheckboxMarker("- [ ] T001 a\n", "T001", "xx")).toThrow(CheckboxError);
  });

  it("does not touch look-alike lines in fences or comments", () => {
    const text = "```\n- [ ] T001 fenced\n```\n<!-- - [ ] T001 hidden -->\n- [ ] T001 real\n";
    expect(setCheckbox(text, "T001", true)).toBe(
      "```\n- [ ] T001 fenced\n```\n<!-- - [ ] T001 hidden -->\n- [x] T001 real\n",
    );
  });
});

describe("round trip: flipping every task and back gives the original bytes", () => {
  it.each(fixtureNames())("fixture %s (LF and CRLF)", (name) => {
    for (const text of [fixture(name), toCrlf(fixture(name))]) {
      const { text: back } = flipEveryTaskAndBack(text);
      expect(back).toBe(text);
    }
  });

  if (corpusAvailable("set-checkbox corpus round trips")) {
    const corpus = corpusFiles();
    it.each(corpus.map((c) => [c.file, c.text] as const))("corpus %s", (_file, text) => {
      const { text: back, viaMarker } = flipEveryTaskAndBack(text);
      expect(back).toBe(text);
      const tasks = parseTaskList("tasks.md", text).tasks.filter((t) => t.checkboxOffset >= 0);
      // Non-standard markers always need setCheckboxMarker; in a file that mixes x and X, so may
      // ticks of the style that is not the majority at the moment they are flipped back.
      const nonStandard = tasks.filter((t) => !["x", "X", " "].includes(t.marker)).map((t) => t.id);
      const styled = new Set(tasks.filter((t) => t.marker === "x" || t.marker === "X").map((t) => t.id));
      expect(viaMarker.filter((id) => !styled.has(id))).toEqual(nonStandard);
      const mixed = tasks.some((t) => t.marker === "x") && tasks.some((t) => t.marker === "X");
      if (!mixed) expect(viaMarker).toEqual(nonStandard);
    });
  }

  it("flips every checkbox task; only non-standard or minority-style markers need setCheckboxMarker", () => {
    const markers = flipEveryTaskAndBack(fixture("markers.md"));
    expect(markers.flipped).toBe(16);
    expect(markers.viaMarker).toEqual(["T002", "T003", "T007", "T008", "T009", "T010"]);
    expect(flipEveryTaskAndBack(fixture("spec-kit-basic.md")).viaMarker).toEqual([]);
    expect(flipEveryTaskAndBack(fixture("no-checkbox.md")).flipped).toBe(1);
  });
});
