import { describe, expect, it } from "@jest/globals";
import { hasErrors } from "../../src/tasks/model.js";

describe("hasErrors", () => {
  it("is true only when a diagnostic has severity error", () => {
    expect(hasErrors({ diagnostics: [] })).toBe(false);
    expect(hasErrors({ diagnostics: [{ severity: "warning", code: "task-without-id", line: 3, message: "m" }] })).toBe(
      false,
    );
    expect(hasErrors({ diagnostics: [{ severity: "error", code: "duplicate-id", line: 3, message: "m" }] })).toBe(true);
  });
});
