import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../../src/config/schema.js";
import { planFile } from "../../../../src/reconcile/plan/plan-list.js";
import { parseTaskList } from "../../../../src/tasks/parse-tasks.js";
import { FakeGitHub } from "../fake-github.js";

const PATH = "specs/003-economy/tasks.md";
const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const LIST = "# Tasks: Economy\n\n## Phase 1: Setup\n\n- [ ] T001 One\n- [ ] T002 Two\n- [ ] T003 Three\n";

function plan(gh: FakeGitHub, text: string, sha: string) {
  return planFile({
    path: PATH,
    doc: parseTaskList(PATH, text),
    baseline: null,
    blobSha: sha,
    commitSha: "c",
    config: defaultConfig,
    ctx,
    observed: gh.observe(),
  });
}

describe("planFile: API economy", () => {
  it("does not rewrite every issue when lines above the tasks move", () => {
    const gh = new FakeGitHub();
    gh.apply(plan(gh, LIST, "v1"));
    const moved = LIST.replace("# Tasks: Economy\n", "# Tasks: Economy\n\nSome words about this list.\nAnd more.\n");
    const ops = plan(gh, moved, "v2").operations;
    // only the tracking issue records the new version; no task or phase issue is rewritten
    expect(ops.map((o) => [o.kind, "key" in o ? o.key : o.name])).toEqual([["update-issue", `${PATH}#feature`]]);
  });

  it("refreshes the line link together with a real change", () => {
    const gh = new FakeGitHub();
    gh.apply(plan(gh, LIST, "v1"));
    const moved = LIST.replace("# Tasks: Economy\n", "# Tasks: Economy\n\nA note.\n").replace(
      "T002 Two",
      "T002 Two, reworded",
    );
    const ops = plan(gh, moved, "v2").operations;
    const t002 = ops.find((o) => o.kind === "update-issue" && o.key === `${PATH}#T002`);
    expect(t002 && "body" in t002 ? t002.body : "").toContain(`${PATH}#L8`);
    expect(ops.filter((o) => o.kind === "update-issue").map((o) => o.key)).toEqual([`${PATH}#T002`, `${PATH}#feature`]);
  });
});
