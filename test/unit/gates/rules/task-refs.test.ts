import { describe, expect, it } from "@jest/globals";
import { closingIssueNumbers, featuresNamedBy, taskRefsOf } from "../../../../src/gates/rules/task-refs.js";

const repo = { owner: "octo", repo: "albums" };

describe("taskRefsOf", () => {
  it.each([
    ["T012: add the album model", "main", [{ feature: null, id: "T012", source: "title" }]],
    ["001-photo-albums/T012 album model", "main", [{ feature: "001-photo-albums", id: "T012", source: "title" }]],
    ["Album model", "001-photo-albums-T012", [{ feature: "001-photo-albums", id: "T012", source: "branch" }]],
    ["Album model", "001-photo-albums-t012", [{ feature: "001-photo-albums", id: "T012", source: "branch" }]],
    ["Album model", "feature/T012", [{ feature: "feature", id: "T012", source: "branch" }]],
    ["T010-T012 album model", "main", [{ feature: null, id: "T010", to: "T012", source: "title" }]],
    [
      "T003a and T004",
      "main",
      [
        { feature: null, id: "T003a", source: "title" },
        { feature: null, id: "T004", source: "title" },
      ],
    ],
    ["Fix the README", "docs-update", []],
    ["Update PT100 sensor", "main", []],
    ["T012 album model", "T012", [{ feature: null, id: "T012", source: "title" }]],
    ["001-photo-albums-T010-T012", "main", [{ feature: "001-photo-albums", id: "T010", to: "T012", source: "title" }]],
    [
      "Album model",
      "001-photo-albums/t010-t011",
      [{ feature: "001-photo-albums", id: "T010", to: "T011", source: "branch" }],
    ],
  ])("%s on branch %s", (title, branch, expected) => {
    expect(taskRefsOf(title, branch)).toEqual(expected);
  });
});

describe("closingIssueNumbers", () => {
  it.each([
    ["Closes #12", [12]],
    ["fixes: #3, resolves #4 and closes #3", [3, 4]],
    ["Fixes octo/albums#7", [7]],
    ["Fixes OCTO/Albums#7", [7]],
    ["Fixes other/repo#7", []],
    ["Resolves https://github.com/octo/albums/issues/9", [9]],
    ["Resolves https://github.com/other/albums/issues/9", []],
    ["Related to #12, see #13", []],
    ["", []],
  ])("%j → %j", (body, expected) => {
    expect(closingIssueNumbers(body, repo)).toEqual(expected);
  });
});

describe("featuresNamedBy", () => {
  const ids = ["001-photo-albums", "002-sharing", "search"];
  it.each([
    ["001-photo-albums", ["001-photo-albums"]],
    ["001-photo-albums-T012", ["001-photo-albums"]],
    ["someone/002-sharing", ["002-sharing"]],
    ["research-spike", []],
    ["main", []],
  ])("%s → %j", (branch, expected) => {
    expect(featuresNamedBy(branch, ids)).toEqual(expected);
  });
});
