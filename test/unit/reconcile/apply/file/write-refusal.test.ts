import { describe, expect, it } from "@jest/globals";
import { writeRefusal } from "../../../../../src/reconcile/apply/file/write-refusal.js";

const answer = (status: number, message: string) => ({ status, message, response: { data: { message } } });

describe("writeRefusal", () => {
  it.each([
    { status: 409, message: "specs/001/tasks.md does not match 3d2a1f", refusal: "stale" },
    { status: 403, message: "Protected branch update failed for refs/heads/main.", refusal: "protected" },
    { status: 422, message: "Protected branch update failed for refs/heads/main.", refusal: "protected" },
    {
      status: 409,
      message: "Repository rule violations found\n\nChanges must be made through a pull request.\n\n",
      refusal: "protected",
    },
    { status: 422, message: "Repository rule violations found", refusal: "protected" },
    { status: 403, message: "Resource not accessible by integration", refusal: "no-permission" },
    { status: 403, message: "You have exceeded a secondary rate limit", refusal: null },
    { status: 422, message: 'Invalid request.\n\n"sha" wasn\'t supplied.', refusal: null },
    { status: 404, message: "Not Found", refusal: null },
    { status: 500, message: "Server Error", refusal: null },
  ])("$status $message → $refusal", ({ status, message, refusal }) => {
    expect(writeRefusal(answer(status, message))).toBe(refusal);
  });

  it("does not classify errors that are not GitHub answers", () => {
    expect(writeRefusal(new Error("socket hang up"))).toBeNull();
  });
});
