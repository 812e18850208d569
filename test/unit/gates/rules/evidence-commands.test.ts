import { describe, expect, it } from "@jest/globals";
import {
  codeIn,
  commandsOf,
  looksLikeCommand,
  missingCommands,
} from "../../../../src/gates/rules/evidence-commands.js";

describe("looksLikeCommand", () => {
  it.each([
    ["npm run build", true],
    ["pytest backend/tests/", true],
    ["make", true],
    ["cargo test --all", true],
    ["./scripts/check.sh --fast", true],
    ["src/albums/model.ts", false],
    ["Album", false],
    ["", false],
  ])("%j → %s", (span, expected) => {
    expect(looksLikeCommand(span)).toBe(expected);
  });
});

describe("commandsOf", () => {
  it.each([
    [
      "Run required verification commands (`pytest backend/tests/`, `npm run build`)",
      [],
      ["pytest backend/tests/", "npm run build"],
    ],
    ["Define the `Album` model in `src/albums/model.ts`", [], []],
    ["Check with `make`", ["Then `make` again and `go test ./...`"], ["make", "go test ./..."]],
    ["Nothing to run here", [], []],
  ])("%j", (description, details, expected) => {
    expect(commandsOf({ description, details, files: ["src/albums/model.ts"] })).toEqual(expected);
  });
});

describe("codeIn / missingCommands", () => {
  it("collects inline spans and fenced lines, whitespace-normalized", () => {
    expect(
      codeIn("Ran `npm  run build` and\n\n```sh\npytest backend/tests/\n\n  make lint\n```\nthen ``a `b` c``"),
    ).toEqual(["pytest backend/tests/", "make lint", "npm run build", "a `b` c"]);
  });

  it.each([
    ["`npm run build` and `pytest backend/tests/ -q`", []],
    ["`npm run build`", ["pytest backend/tests/"]],
    ["npm run build, pytest backend/tests/", ["npm run build", "pytest backend/tests/"]],
    ["~~~\npytest backend/tests/\nnpm run build\n~~~", []],
    ["```\nnpm run build\n", ["pytest backend/tests/"]],
  ])("%j → missing %j", (body, expected) => {
    expect(missingCommands(["npm run build", "pytest backend/tests/"], body)).toEqual(expected);
  });
});
