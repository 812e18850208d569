import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { defaultConfig } from "../../../src/config/schema.js";
import { validateConfig } from "../../../src/config/validate-config.js";
import {
  README_FILE,
  SCHEMA_FILE,
  TABLE_END,
  TABLE_START,
  buildJsonSchema,
  configRows,
  renderConfigTable,
  renderJsonSchema,
  withConfigTable,
} from "../../../scripts/config-schema.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const read = (file: string): string => readFileSync(resolve(root, file), "utf8");

function leafPaths(value: unknown, prefix: string[] = []): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix.join(".")];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

describe("the generated JSON Schema", () => {
  it("is committed exactly as `npm run schema` generates it", () => {
    expect(read(SCHEMA_FILE)).toBe(renderJsonSchema());
  });

  it("rejects unknown keys at every level, as the zod schema does", () => {
    const schema = buildJsonSchema();
    expect(schema["additionalProperties"]).toBe(false);
    const gates = schema.properties?.["gates"];
    expect(gates?.["additionalProperties"]).toBe(false);
    expect(gates?.properties?.["mode"]?.enum).toEqual(["strict", "advisory"]);
  });

  it("gives every leaf key its default, including the transformed label colours", () => {
    const schema = buildJsonSchema();
    const color = schema.properties?.["labels"]?.properties?.["mvp"]?.properties?.["color"];
    expect(color?.default).toBe(defaultConfig.labels.mvp.color);
    expect(color?.pattern).toBe("^#?[0-9a-fA-F]{6}$"); // the zod regex: six hex digits, an optional #
  });
});

describe("the README's config reference", () => {
  it("has one row per key of the config, with the key's default", () => {
    const rows = configRows();
    expect(rows.map((r) => r.key).sort()).toEqual(leafPaths(defaultConfig).sort());
    const row = rows.find((r) => r.key === "writeBack.batchWindowSeconds");
    expect(row).toEqual({
      key: "writeBack.batchWindowSeconds",
      type: "number (0–60)",
      default: "`3`",
      meaning: "Issues closed within this many seconds become one commit.",
    });
    expect(rows.every((r) => r.meaning.length > 0)).toBe(true);
  });

  it.each([
    ["gates.mode", '"strict" \\| "advisory"', '`"strict"`'],
    ["labels.parallel.color", "string (hex colour)", '`"fbca04"`'],
    [
      "paths",
      "string[]",
      "`specs/*/tasks.md`<br>`.xe/specs/*/tasks.md`<br>`.xe/features/*/tasks.md`<br>`.kiro/specs/*/tasks.md`<br>`openspec/changes/*/tasks.md`<br>`kitty-specs/*/tasks.md`",
    ],
  ])("renders %s as type %s, default %s", (key, type, def) => {
    expect(renderConfigTable()).toContain(`| \`${key}\` | ${type} | ${def} |`);
  });

  it("is in the README as generated", () => {
    const readme = read(README_FILE);
    expect(readme).toContain(TABLE_START);
    expect(withConfigTable(readme)).toBe(readme);
  });

  it("has an example .github/tasksync.yml that is valid and points editors at the schema", () => {
    const example = /```yaml\n(# yaml-language-server: \$schema=\S+\/schema\/tasksync\.schema\.json\n[\s\S]*?)```/.exec(
      read(README_FILE),
    )?.[1];
    expect(example).toBeDefined();
    const result = validateConfig(parse(example ?? ""));
    expect(result).toMatchObject({
      ok: true,
      config: { gates: { mode: "advisory", evidence: true }, writeBack: { batchWindowSeconds: 5 } },
    });
  });

  it("replaces only what is between the markers", () => {
    const before = `# x\n\n${TABLE_START}\nold table\n${TABLE_END}\n\nafter\n`;
    expect(withConfigTable(before, "| new |")).toBe(`# x\n\n${TABLE_START}\n| new |\n${TABLE_END}\n\nafter\n`);
    expect(() => withConfigTable("# no markers\n", "| new |")).toThrow(/no .* section/);
  });
});
