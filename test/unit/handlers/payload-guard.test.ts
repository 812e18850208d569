import { describe, expect, it } from "@jest/globals";
import { MalformedPayload, requireFields } from "../../../src/handlers/payload-guard.js";

describe("requireFields", () => {
  it("passes a payload that has every field", () => {
    expect(() =>
      requireFields("push", { ref: "refs/heads/main", repository: { name: "r", owner: { login: "o" } } }, [
        "ref",
        "repository.name",
        "repository.owner.login",
      ]),
    ).not.toThrow();
  });

  it("names every missing or null field, with status 400", () => {
    let thrown: unknown;
    try {
      requireFields("issues", { issue: { number: 1, user: null }, repository: {} }, [
        "issue.number",
        "issue.user.login",
        "repository.full_name",
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MalformedPayload);
    expect(thrown).toMatchObject({
      status: 400,
      message: "the issues payload has no issue.user.login, repository.full_name",
    });
  });
});
