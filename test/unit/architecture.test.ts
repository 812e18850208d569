/**
 * The architecture, enforced. dependency-cruiser cruises src/ (type-only imports included) with
 * the rules of `.dependency-cruiser.cjs`: no cycle of files or folders, no import up the layer
 * order, no client value in the planner, types-only modules imported as types. The same test
 * scans the text for GitHub writes (a write is a string, which an import graph cannot see) and
 * counts the files per folder. Each rule is shown to fail on a fixture tree built to break it.
 */
import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const ROOT = process.cwd();
const FIXTURE = join(ROOT, "test/fixtures/architecture");

interface Layer {
  name: string;
  path: string;
  pathNot?: string;
  imports: string[];
}
const rules = createRequire(import.meta.url)(join(ROOT, ".dependency-cruiser.cjs")) as {
  LAYERS: Layer[];
  TYPES_ONLY: string[];
};

/** The files that may send a GitHub write: the apply step, the Projects writer, and three named exceptions. */
const WRITERS: readonly RegExp[] = [
  /^src\/reconcile\/apply\//,
  /^src\/reconcile\/projects\/project-apply\.ts$/,
  // The gates' check run: the PR check is the gates' one output, not a reconcile of issues.
  /^src\/gates\/report\/check-run\.ts$/,
  // A failed check run saying the config is invalid: written before there is any plan to apply.
  /^src\/config\/report-config-error\.ts$/,
  // The reply and the reaction to a `/tasksync sync` comment: the trigger's own answer to a person.
  /^src\/handlers\/on-issue-comment\.ts$/,
];

/** Writes still sent from outside the writers at this branch point: moved by the writer branch. */
const PENDING_WRITERS: readonly string[] = [];

/** Files that only declare GraphQL documents (checked against GitHub's schema); a mutation is sent where it is used. */
const DOCUMENTS = ["src/github/graphql-documents.ts", "src/reconcile/projects/project-documents.ts"];

const MAX_FILES_PER_FOLDER = 15;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

async function violations(baseDir: string): Promise<{ modules: number; found: Violation[] }> {
  const options = await extractDepcruiseOptions(join(ROOT, ".dependency-cruiser.cjs"));
  const result = await cruise(["src"], { ...options, baseDir }, undefined, {
    tsConfig: extractTSConfig(join(ROOT, "tsconfig.json")),
  });
  const output = result.output as ICruiseResult;
  const found = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  return { modules: output.summary.totalCruised, found };
}

/** Every .ts file under `dir`, as a path relative to `root` with forward slashes. */
function sourceFiles(root: string, dir = "src"): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(root, path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const inLayer = (file: string, layer: Layer): boolean =>
  new RegExp(layer.path).test(file) && (layer.pathNot === undefined || !new RegExp(layer.pathNot).test(file));

const REST_WRITE = /["'`](POST|PATCH|PUT|DELETE) \//;
const MUTATION = /`\s*mutation\b/;
const MUTATION_CONSTANT = /export const (\w+) = `\s*mutation\b/g;

/**
 * Files that send a write from outside the writers: a REST write route or a mutation document in
 * their text, or a mutation constant of a documents file named in their text.
 */
function writesOutsideWriters(root: string, documents: readonly string[], pending: readonly string[]): string[] {
  const files = sourceFiles(root);
  const text = new Map(files.map((f) => [f, readFileSync(join(root, f), "utf8")]));
  const allowed = (file: string): boolean => WRITERS.some((w) => w.test(file)) || pending.includes(file);
  const sent = new Set<string>();
  for (const [file, body] of text) {
    if (REST_WRITE.test(body) || (MUTATION.test(body) && !documents.includes(file))) sent.add(file);
  }
  for (const doc of documents) {
    for (const [, name] of (text.get(doc) ?? "").matchAll(MUTATION_CONSTANT)) {
      const word = new RegExp(`\\b${name}\\b`);
      for (const [file, body] of text) if (file !== doc && word.test(body)) sent.add(file);
    }
  }
  return [...sent].filter((f) => !allowed(f)).sort();
}

/** Folders holding more than the limit of source files (not counting their subfolders). */
function crowdedFolders(files: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const f of files) count.set(dirname(f), (count.get(dirname(f)) ?? 0) + 1);
  return [...count].filter(([, n]) => n > MAX_FILES_PER_FOLDER).map(([folder, n]) => `${folder} (${n})`);
}

/** A types-only module's text: no value exported, nothing imported but types. */
function valuesInTypesOnly(root: string): string[] {
  const files = sourceFiles(root).filter((f) => rules.TYPES_ONLY.some((p) => new RegExp(p).test(f)));
  return files.filter((f) => {
    const body = readFileSync(join(root, f), "utf8");
    return (
      /^export (const|let|var|function|class|enum|default|async)\b/m.test(body) || /^import (?!type\b)/m.test(body)
    );
  });
}

describe("the architecture of src/", () => {
  it("breaks no dependency rule: no cycle of files or folders, no import up the layers, a pure planner", async () => {
    const { modules, found } = await violations(ROOT);
    expect(found).toEqual([]);
    expect(modules).toBeGreaterThanOrEqual(sourceFiles(ROOT).length); // it really read the tree
  });

  it("puts every source file in exactly one layer, and the layer arrows have no cycle", () => {
    const unplaced = sourceFiles(ROOT)
      .map((file) => ({ file, layers: rules.LAYERS.filter((l) => inLayer(file, l)).map((l) => l.name) }))
      .filter((f) => f.layers.length !== 1);
    expect(unplaced).toEqual([]);
    const order = new Map(rules.LAYERS.map((l, i) => [l.name, i]));
    const upward = rules.LAYERS.flatMap((l) =>
      l.imports.filter((n) => (order.get(n) ?? -1) <= (order.get(l.name) ?? 0)).map((n) => `${l.name} → ${n}`),
    );
    expect(upward).toEqual([]);
  });

  it("sends GitHub writes only from the apply step, the Projects writer and the named exceptions", () => {
    expect(writesOutsideWriters(ROOT, DOCUMENTS, PENDING_WRITERS)).toEqual([]);
  });

  it("keeps PENDING_WRITERS honest: each file on it still writes", () => {
    expect(writesOutsideWriters(ROOT, DOCUMENTS, [])).toEqual([...PENDING_WRITERS].sort());
  });

  it("keeps types-only modules free of values", () => {
    expect(valuesInTypesOnly(ROOT)).toEqual([]);
  });

  it(`holds at most ${MAX_FILES_PER_FOLDER} source files in a folder`, () => {
    expect(crowdedFolders(sourceFiles(ROOT))).toEqual([]);
  });
});

describe("each rule rejects the fixture tree built to break it", () => {
  const broken = violations(FIXTURE);
  const pairs = async (rule: string): Promise<string[]> =>
    (await broken).found.filter((v) => v.rule === rule).map((v) => `${v.from} → ${v.to}`);

  it("an import cycle, though its imports are types only", async () => {
    expect(await pairs("no-circular")).toEqual(
      expect.arrayContaining(["src/tasks/markdown/a.ts → src/tasks/markdown/b.ts"]),
    );
  });

  it("a cycle between folders with no cycle between files", async () => {
    expect(await pairs("no-circular-folders")).toEqual(
      expect.arrayContaining([expect.stringMatching(/src\/gates\/(read|rules) → src\/gates\/(read|rules)/)]),
    );
  });

  it("an import up the layer order", async () => {
    expect(await pairs("layer:tasks/lines")).toEqual(["src/tasks/lines/up.ts → src/reconcile/plan/p.ts"]);
    expect(await pairs("layer:gates/rules")).toEqual(["src/gates/rules/z.ts → src/gates/read/w.ts"]);
  });

  it("a client value in a planner", async () => {
    expect(await pairs("planner-imports-no-client")).toEqual(
      expect.arrayContaining(["src/reconcile/plan/p.ts → src/github/client.ts"]),
    );
  });

  it("a types-only module imported as a value, and holding one", async () => {
    expect(await pairs("types-only-by-type")).toEqual(["src/reconcile/plan/p.ts → src/reconcile/model/shared.ts"]);
    expect(valuesInTypesOnly(FIXTURE)).toEqual(["src/reconcile/model/shared.ts"]);
  });

  it("an import that does not resolve", async () => {
    expect(await pairs("not-to-unresolvable")).toEqual(["src/util/lost.ts → ./gone.js"]);
  });

  it("a REST write route, a typed-out mutation, and a mutation document sent from outside the writers", () => {
    expect(writesOutsideWriters(FIXTURE, ["src/github/documents.ts"], [])).toEqual([
      "src/handlers/writes.ts",
      "src/reconcile/plan/p.ts",
    ]);
  });

  it("a folder of more source files than the limit", () => {
    const many = Array.from({ length: MAX_FILES_PER_FOLDER + 1 }, (_, i) => `src/crowded/file-${i}.ts`);
    expect(crowdedFolders([...many, "src/other/one.ts"])).toEqual([`src/crowded (${MAX_FILES_PER_FOLDER + 1})`]);
    expect(crowdedFolders(many.slice(1))).toEqual([]);
  });
});
