import { describe, expect, it } from "@jest/globals";
import { markerKey, parseMarker, renderMarker, type Marker } from "../../../src/identity/marker.js";

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
});
