// The architecture's import rules, checked by dependency-cruiser (`npm run lint:arch`) and by
// test/unit/architecture.test.ts, which cruises src/ and a fixture tree with these same rules.
// ARCHITECTURE.md explains them; the layer order below is the one place they are written down.
"use strict";

/**
 * The layers, top to bottom. A file belongs to exactly one layer (`path`, minus `pathNot`) and
 * may import its own layer and every layer reachable through `imports` (the direct arrows; the
 * test checks every file has a layer and the arrows have no cycle). Anything else runs up.
 */
const LAYERS = [
  { name: "front doors", path: "^src/(action|cli)/", imports: ["entry"] },
  { name: "entry", path: "^src/index\\.ts$", imports: ["handlers"] },
  { name: "handlers", path: "^src/handlers/", imports: ["jobs"] },
  { name: "jobs", path: "^src/jobs/", imports: ["gates", "app"] },
  { name: "app", path: "^src/app/", imports: ["queue"] },
  { name: "queue", path: "^src/queue/", imports: ["github"] },
  {
    name: "gates",
    path: "^src/gates/[^/]+\\.ts$",
    pathNot: "^src/gates/(gate-model|conclusion)\\.ts$",
    imports: ["gates/report"],
  },
  { name: "gates/report", path: "^src/gates/report/", imports: ["gates/read"] },
  { name: "gates/read", path: "^src/gates/read/", imports: ["gates/rules"] },
  { name: "gates/rules", path: "^src/gates/rules/", imports: ["gates/model"] },
  { name: "gates/model", path: "^src/gates/(gate-model|conclusion)\\.ts$", imports: ["reconcile"] },
  {
    name: "reconcile",
    path: "^src/reconcile/[^/]+\\.ts$",
    pathNot: "^src/reconcile/(operations|checkbox-change)\\.ts$",
    imports: ["reconcile/projects"],
  },
  { name: "reconcile/projects", path: "^src/reconcile/projects/", imports: ["reconcile/apply"] },
  { name: "reconcile/apply", path: "^src/reconcile/apply/", imports: ["reconcile/plan"] },
  { name: "reconcile/plan", path: "^src/reconcile/plan/", imports: ["reconcile/dispatch"] },
  { name: "reconcile/dispatch", path: "^src/reconcile/dispatch/", imports: ["reconcile/three-way"] },
  { name: "reconcile/three-way", path: "^src/reconcile/three-way/", imports: ["reconcile/desired"] },
  { name: "reconcile/desired", path: "^src/reconcile/desired/", imports: ["reconcile/observe"] },
  { name: "reconcile/observe", path: "^src/reconcile/observe/", imports: ["reconcile/render"] },
  { name: "reconcile/render", path: "^src/reconcile/render/", imports: ["reconcile/contract"] },
  {
    name: "reconcile/contract",
    path: "^src/reconcile/((operations|checkbox-change)\\.ts$|model/)",
    imports: ["identity"],
  },
  { name: "identity", path: "^src/identity/", imports: ["tasks"] },
  {
    name: "tasks",
    path: "^src/tasks/[^/]+\\.ts$",
    pathNot: "^src/tasks/model\\.ts$",
    imports: ["tasks/graph"],
  },
  { name: "tasks/graph", path: "^src/tasks/graph/", imports: ["tasks/dependencies"] },
  { name: "tasks/dependencies", path: "^src/tasks/dependencies/", imports: ["tasks/structure"] },
  { name: "tasks/structure", path: "^src/tasks/structure/", imports: ["tasks/lines"] },
  { name: "tasks/lines", path: "^src/tasks/lines/", imports: ["tasks/markdown"] },
  { name: "tasks/markdown", path: "^src/tasks/markdown/", imports: ["tasks/model"] },
  { name: "tasks/model", path: "^src/tasks/model\\.ts$", imports: ["config"] },
  { name: "config", path: "^src/config/", imports: ["github"] },
  { name: "github", path: "^src/github/", imports: ["util"] },
  { name: "util", path: "^src/util/", imports: [] },
];

/** Modules that hold types only: imported with `import type`, and exporting no value. */
const TYPES_ONLY = [
  "^src/reconcile/model/",
  "^src/reconcile/observe/observed\\.ts$",
  "^src/reconcile/checkbox-change\\.ts$",
  "^src/tasks/markdown/blocks\\.ts$",
  "^src/queue/engine\\.ts$",
];

/** The planner side: pure, so it names the GitHub client's types but never imports a value that calls it. */
const PLANNER = ["^src/reconcile/(desired|render|three-way|dispatch|plan)/", "^src/reconcile/observe/observed\\.ts$"];
/** What calls GitHub: the adapter (but its pure limits and repository context), the reads, the writers, Octokit, Probot. */
const CLIENT = [
  "^src/github/(?!(limits|repo-context)\\.ts$)",
  "^src/reconcile/(observe/(?!observed\\.ts$)|apply/|projects/)",
  "(^|/)node_modules/(@octokit|probot|ioredis|bullmq)/",
];

const byName = new Map(LAYERS.map((layer) => [layer.name, layer]));

/** The names of the layers `name` may import: itself and every layer below it through the arrows. */
function reachable(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const layer = byName.get(name);
  if (!layer) throw new Error(`.dependency-cruiser.cjs: no layer named "${name}"`);
  for (const next of layer.imports) reachable(next, seen);
  return seen;
}

const layerRules = LAYERS.map((layer) => ({
  name: `layer:${layer.name}`,
  severity: "error",
  comment: `${layer.name} may import only ${[...reachable(layer.name)].join(", ")}`,
  from: { path: layer.path, ...(layer.pathNot ? { pathNot: layer.pathNot } : {}) },
  to: { path: "^src/", pathNot: [...reachable(layer.name)].map((n) => byName.get(n).path) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycle, type-only imports included (tsPreCompilationDeps).",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-circular-folders",
      severity: "error",
      comment: "No cycle between folders either (a folder counts with its subfolders): the steps point one way.",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every relative import resolves (an unresolved one would hide its edges from the other rules).",
      from: {},
      to: { couldNotResolve: true, path: "^\\." },
    },
    ...layerRules,
    {
      name: "planner-imports-no-client",
      severity: "error",
      comment:
        "observed types, desired/, render/, three-way/ and plan/ are pure: a client value there is a read or write in disguise.",
      from: { path: PLANNER },
      to: { path: CLIENT, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "types-only-by-type",
      severity: "error",
      comment: "A types-only module is imported with `import type`, so it never becomes a runtime edge.",
      from: {},
      to: { path: TYPES_ONLY, dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.d\\.ts$" },
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".cjs", ".json"] },
  },
};

// The layer table and the types-only list go to the architecture test too; non-enumerable, so that
// dependency-cruiser's schema check of the configuration does not see them.
Object.defineProperty(config, "LAYERS", { value: LAYERS });
Object.defineProperty(config, "TYPES_ONLY", { value: TYPES_ONLY });
module.exports = config;
