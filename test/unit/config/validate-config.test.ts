import { describe, expect, it } from "@jest/globals";
import { matchesAny } from "../../../src/config/path-match.js";
import { defaultConfig } from "../../../src/config/schema.js";
import { validateConfig } from "../../../src/config/validate-config.js";

describe("validateConfig", () => {
  it("fills every default from an empty file", () => {
    const result = validateConfig(null);
    expect(result).toEqual({ ok: true, config: defaultConfig });
    expect(defaultConfig.paths).toEqual([
      "specs/*/tasks.md",
      ".xe/specs/*/tasks.md",
      ".xe/features/*/tasks.md",
      ".kiro/specs/*/tasks.md",
      "openspec/changes/*/tasks.md",
      "kitty-specs/*/tasks.md",
    ]);
    expect(defaultConfig.gates.mode).toBe("strict");
    expect(defaultConfig.writeBack.batchWindowSeconds).toBe(3);
  });

  it("keeps given values and normalizes colours", () => {
    const result = validateConfig({ gates: { mode: "advisory" }, labels: { parallel: { color: "#ABCDEF" } } });
    expect(result.ok && result.config.gates.mode).toBe("advisory");
    expect(result.ok && result.config.labels.parallel).toEqual({ name: "parallel", color: "abcdef" });
    expect(result.ok && result.config.gates.enabled).toBe(true);
    expect(result.ok && result.config.project).toBe("");
    const withProject = validateConfig({ project: "octo-org/5" });
    expect(withProject.ok && withProject.config.project).toBe("octo-org/5");
  });

  it.each([
    [{ gates: { mode: "lax" } }, /^gates\.mode: /],
    [{ gates: { mod: "strict" } }, /^gates: unknown key `mod`/],
    [{ paths: [] }, /^paths: /],
    [{ labels: { mvp: { color: "red" } } }, /^labels\.mvp\.color: must be a 6-digit hex colour/],
    [{ writeBack: { batchWindowSeconds: -1 } }, /^writeBack\.batchWindowSeconds: /],
    [{ colour: 1 }, /unknown key `colour`/],
    ["just a string", /^\(top level\): /],
    [
      { project: "https://github.com/orgs/octo-org/projects/5" },
      /^project: must be <organization or user>\/<project number>, such as octo-org\/5/,
    ],
    [{ project: "octo-org/0" }, /^project: must be/],
  ])("names the key at fault for %j", (raw, message) => {
    const result = validateConfig(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => message.test(e))).toBe(true);
  });
});

describe("matchesAny", () => {
  it.each([
    ["specs/001-photo-albums/tasks.md", true],
    [".xe/specs/blueprint/tasks.md", true],
    [".xe/features/x/tasks.md", true],
    ["specs/001/sub/tasks.md", false],
    ["docs/specs/001/tasks.md", false],
    ["specs/001/tasks.md.bak", false],
    [".kiro/specs/auth/tasks.md", true],
    ["openspec/changes/add-search/tasks.md", true],
    ["openspec/changes/archive/2025-01-01-add-search/tasks.md", false],
    ["kitty-specs/007-export/tasks.md", true],
  ])("%s matches the default globs: %s", (path, expected) => {
    expect(matchesAny(path, defaultConfig.paths)).toBe(expected);
  });

  it("supports ** across folders", () => {
    expect(matchesAny("docs/specs/020-x/tasks.md", ["**/specs/*/tasks.md"])).toBe(true);
    expect(matchesAny("specs/020-x/tasks.md", ["**/specs/*/tasks.md"])).toBe(true);
    expect(matchesAny("specs/020-x/plan.md", ["**/specs/*/tasks.md"])).toBe(false);
  });
});
