import { describe, expect, it } from "@jest/globals";
import { GITHUB_LIMITS } from "../../../../src/github/limits.js";
import { fitBody } from "../../../../src/reconcile/render/fit-body.js";
import { parseMarker, renderMarker } from "../../../../src/identity/marker.js";

describe("fitBody", () => {
  const marker = renderMarker({ kind: "task", path: "specs/x/tasks.md", id: "T001", text: "abc", removed: true });

  it("leaves a body within the limit as it is", () => {
    expect(fitBody(`short\n${marker}`)).toBe(`short\n${marker}`);
  });

  it("cuts a longer body to the limit, says so, and keeps the marker whole at the end", () => {
    const body = fitBody(`${"x".repeat(70_000)}\n${marker}`);
    expect(body.length).toBeLessThanOrEqual(GITHUB_LIMITS.maxTextLength);
    expect(body).toContain("truncated to GitHub's size limit");
    expect(body.endsWith(marker)).toBe(true);
    expect(parseMarker(body)).toMatchObject({ id: "T001", removed: true });
  });

  it("never cuts an emoji in half", () => {
    const body = fitBody(`${"😀".repeat(40_000)}${marker}`);
    expect(body.length).toBeLessThanOrEqual(GITHUB_LIMITS.maxTextLength);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(body)).toBe(false);
  });
});
