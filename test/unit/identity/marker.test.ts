import { describe, expect, it } from "@jest/globals";
import {
  MARKER_PREFIX,
  markerKey,
  parseMarker,
  renderMarker,
  replaceMarker,
  type Marker,
} from "../../../src/identity/marker.js";

describe("issue marker", () => {
  it.each<Marker>([
    { kind: "task", path: "specs/001-a/tasks.md", id: "T012", text: "abc", links: ["T010"] },
    { kind: "phase", path: "specs/001-a/tasks.md", phase: "3.10" },
    { kind: "tracking", path: ".xe/specs/blueprint/tasks.md", sha: "f00" },
  ])("round-trips through an issue body: %j", (marker) => {
    const body = `Some text\n\n${renderMarker(marker)}\n`;
    expect(parseMarker(body)).toEqual(marker);
    expect(body).toContain("<!-- tasksync:v1 ");
  });

  it("keys include the task list path, so the same id in two features differs", () => {
    const a = markerKey({ kind: "task", path: "specs/001-a/tasks.md", id: "T001", text: "x" });
    const b = markerKey({ kind: "task", path: "specs/002-b/tasks.md", id: "T001", text: "x" });
    expect(a).not.toBe(b);
  });

  it.each([
    [null],
    ["no marker here"],
    ["<!-- tasksync:v1 {not json} -->"],
    ['<!-- tasksync:v1 {"kind":"task","path":"p"} -->'],
    ['<!-- tasksync:v1 {"kind":"other","path":"p"} -->'],
  ])("ignores bodies without a valid marker: %j", (body) => {
    expect(parseMarker(body)).toBeNull();
  });

  it("replaceMarker swaps the marker and keeps the text around it; a body without one stays as it is", () => {
    const old: Marker = { kind: "tracking", path: "specs/001-a/tasks.md", sha: "old" };
    const next: Marker = { kind: "tracking", path: "specs/001-a/tasks.md", sha: "new" };
    const body = `# Title\n\ntext\n\n${renderMarker(old)}\n<sub>after</sub>`;
    const replaced = replaceMarker(body, next);
    expect(replaced).toBe(`# Title\n\ntext\n\n${renderMarker(next)}\n<sub>after</sub>`);
    expect(parseMarker(replaced)).toEqual(next);
    expect(replaceMarker("no marker here", next)).toBe("no marker here");
    expect(renderMarker(next).startsWith(`${MARKER_PREFIX} `)).toBe(true);
  });

  it("replaceMarker writes a task text with `$&` or `$'` as it is, not as a replacement pattern", () => {
    const old: Marker = { kind: "task", path: "p.md", id: "T001", text: "old" };
    const next: Marker = { kind: "task", path: "p.md", id: "T001", text: "price in $& and $' too" };
    expect(parseMarker(replaceMarker(`body\n${renderMarker(old)}`, next))).toEqual(next);
  });
});
