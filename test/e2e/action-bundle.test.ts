/** The committed Action bundle is what the sources build, and action.yml runs it. */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ACTION_BUNDLE, buildAction } from "../../scripts/build-action.js";
import { ROOT } from "./action-runner.js";

describe("the Action's bundle", () => {
  it("dist/action/index.js is what the sources build (run npm run build:action and commit it)", async () => {
    const committed = readFileSync(join(ROOT, ACTION_BUNDLE), "utf8");
    const built = await buildAction();
    expect(committed.length).toBe(built.length);
    expect(committed === built).toBe(true);
  });

  it("action.yml runs the bundle on node24 with a github-token input defaulting to the workflow's token", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
      runs: { using: string; main: string };
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    expect(action.runs).toEqual({ using: "node24", main: ACTION_BUNDLE });
    expect(action.inputs["github-token"]?.default).toBe("${{ github.token }}");
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(["changed", "created", "closed", "commits"]));
  });
});
