/**
 * `npm run bench:parse`: generates a 5,000-task spec-kit file and prints tasks per second for
 * parseTaskList and for setCheckbox (flipping every task once). Prints numbers; not a test.
 */
import { performance } from "node:perf_hooks";
import { resolveDependencies, type PlacedSegment } from "../src/tasks/dependencies.js";
import type { TaskDocument } from "../src/tasks/model.js";
import { parseTaskList } from "../src/tasks/parse-tasks.js";
import { setCheckbox } from "../src/tasks/set-checkbox.js";
import { parseTaskListOffThread, stopParseWorker } from "../src/tasks/parse-off-thread.js";

const TASKS = 5000;
const PER_PHASE = 100;
benchRangeStatement(); // first: the setCheckbox runs below take long

function generate(count: number): string {
  const out: string[] = ["---", "description: generated benchmark task list", "---", "", "# Tasks: Benchmark", ""];
  const id = (n: number): string => `T${String(n).padStart(4, "0")}`;
  for (let n = 1; n <= count; n++) {
    if ((n - 1) % PER_PHASE === 0) {
      const phase = (n - 1) / PER_PHASE + 1;
      const title =
        phase === 1 ? "Setup" : phase === 2 ? "Foundational" : `User Story ${phase - 2} - Story ${phase - 2} (Priority: P${(phase % 3) + 1})`;
      out.push(`## Phase ${phase}: ${title}`, "", "**Purpose**: generated", "");
    }
    const story = n > 2 * PER_PHASE ? ` [US${Math.floor((n - 1) / PER_PHASE) - 1}]` : "";
    const parallel = n % 3 === 0 ? " [P]" : "";
    const box = n % 4 === 0 ? "x" : " ";
    const dep = n % 10 === 0 ? ` (depends on ${id(n - 1)}, ${id(n - 2)})` : "";
    out.push(`- [${box}] ${id(n)}${parallel}${story} Implement part ${n} in \`src/module${n % 50}/file${n}.ts\`${dep}`);
    if (n % 5 === 0) out.push(`  - Acceptance: part ${n} works`, `  - Files: \`tests/part${n}.test.ts\``);
    if (n % PER_PHASE === 0) out.push("", `**Checkpoint**: phase done`, "");
  }
  out.push("", "## Dependencies", "", `- ${id(1)}-${id(10)} before ${id(11)}-${id(20)}`, `- ${id(30)} blocks ${id(40)}, ${id(50)}`, "");
  return out.join("\n");
}

const text = generate(TASKS);
const bytes = Buffer.byteLength(text);

// Warm up the JIT, then time several runs.
parseTaskList("specs/999-bench/tasks.md", text);
const parseRuns = 3;
let start = performance.now();
let doc = parseTaskList("specs/999-bench/tasks.md", text);
for (let i = 1; i < parseRuns; i++) doc = parseTaskList("specs/999-bench/tasks.md", text);
const parseMs = (performance.now() - start) / parseRuns;
if (doc.tasks.length !== TASKS) throw new Error(`expected ${TASKS} tasks, parsed ${doc.tasks.length}`);

// setCheckbox on a fresh text each time (worst case: a full parse per call).
const coldRuns = 5;
start = performance.now();
for (let i = 0; i < coldRuns; i++) {
  const fresh = `${text}\n`; // a different string, so no memo applies
  setCheckbox(fresh, doc.tasks[i]?.id as string, true);
}
const coldMs = (performance.now() - start) / coldRuns;

// setCheckbox flipping every task in sequence (each call gets the previous call's result).
start = performance.now();
let current = text;
for (const task of doc.tasks) current = setCheckbox(current, task.id, !task.checked);
const flipMs = performance.now() - start;
const flipped = parseTaskList("specs/999-bench/tasks.md", current).tasks.filter((t) => t.checked).length;
if (flipped !== TASKS - doc.tasks.filter((t) => t.checked).length) throw new Error("setCheckbox flipped the wrong boxes");

const perSecond = (tasks: number, ms: number): string => Math.round((tasks / ms) * 1000).toLocaleString("en-US");
console.log(`tasks.md: ${TASKS} tasks, ${doc.phases.length} phases, ${doc.taskEdges.length} task edges, ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`parseTaskList:              ${parseMs.toFixed(1)} ms per parse  (${perSecond(TASKS, parseMs)} tasks/s)`);
console.log(`setCheckbox, fresh text:    ${coldMs.toFixed(1)} ms per call   (${perSecond(1, coldMs)} calls/s)`);
console.log(`setCheckbox, flip all ${TASKS}: ${flipMs.toFixed(1)} ms total    (${perSecond(TASKS, flipMs)} tasks/s)`);

/**
 * Bounded work (issue 10): an 8,000-task list with one range-to-range statement ("Tests
 * (T0001-T4000) before implementation (T4001-T8000)") against the same list without it: the
 * whole parse once each (time, heap growth), then dependency resolution alone five times each
 * (what the statement itself costs). The statement stays one group edge.
 */
function benchRangeStatement(): void {
  const count = 8000;
  const half = count / 2;
  const id = (n: number): string => `T${String(n).padStart(4, "0")}`;
  const base = generate(count).replace(/\n## Dependencies[\s\S]*$/, "\n");
  const withRange = `${base}\n## Dependencies\n\n- Tests (${id(1)}-${id(half)}) before implementation (${id(half + 1)}-${id(count)})\n`;
  const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;
  const parseOnce = (label: string, source: string): TaskDocument => {
    globalThis.gc?.(); // NODE_OPTIONS=--expose-gc for exact heap figures
    const heap = process.memoryUsage().heapUsed;
    const start = performance.now();
    const doc = parseTaskList("specs/999-bench/tasks.md", source);
    const ms = performance.now() - start;
    const pairs = doc.groupEdges.reduce((n, g) => n + g.blockers.length * g.blocked.length, 0);
    console.log(
      `${label.padEnd(28)} parse ${ms.toFixed(0)} ms, heap +${mib(process.memoryUsage().heapUsed - heap)}, rss ${mib(process.memoryUsage().rss)}; ` +
        `${doc.taskEdges.length} task edges, ${doc.groupEdges.length} group edge(s) standing for ${pairs.toLocaleString("en-US")} pairs`,
    );
    return doc;
  };
  const doc = parseOnce(`${count} tasks, no range:`, base);
  parseOnce(`${count} tasks, range statement:`, withRange);
  const segmentsOf = (source: string): PlacedSegment[] =>
    source.split("\n").map((text, i) => {
      const task = /^- \[.\] (T\d+)/.exec(text);
      return { line: i + 1, text, owner: task ? (task[1] as string) : null, kind: task ? "task" : "prose", phase: null };
    });
  const resolveMs = (source: string): number => {
    const segments = segmentsOf(source);
    const start = performance.now();
    for (let i = 0; i < 5; i++) resolveDependencies({ dialect: "spec-kit", tasks: doc.tasks, phases: doc.phases, segments });
    return (performance.now() - start) / 5;
  };
  resolveMs(withRange); // warm up
  const without = resolveMs(base);
  const withIt = resolveMs(withRange);
  console.log(
    `dependency resolution alone: ${without.toFixed(1)} ms without, ${withIt.toFixed(1)} ms with the statement (${(withIt / without).toFixed(2)}×; aim: within 3×, under 600 MB)`,
  );
}

/** A realistic list (300 tasks) on the calling thread, timed the same way as the 5,000-task one. */
function benchRealistic(): void {
  const small = generate(300);
  for (let i = 0; i < 5; i++) parseTaskList("specs/999-bench/tasks.md", small);
  const runs = 20;
  const start = performance.now();
  for (let i = 0; i < runs; i++) parseTaskList("specs/999-bench/tasks.md", small);
  const ms = (performance.now() - start) / runs;
  console.log(`300 tasks (${(Buffer.byteLength(small) / 1024).toFixed(0)} KiB):          ${ms.toFixed(1)} ms per parse (aim: < 30 ms)`);
}

/** The longest the event loop waits while a 5,000-task list is parsed in the worker thread. */
async function benchOffThread(): Promise<void> {
  await parseTaskListOffThread("specs/999-bench/tasks.md", text, 0); // start the worker
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await parseTaskListOffThread("specs/999-bench/tasks.md", text);
  const ms = performance.now() - start;
  clearInterval(timer);
  await stopParseWorker();
  console.log(`5,000 tasks in the worker:  ${ms.toFixed(1)} ms, longest event-loop pause meanwhile ${longest.toFixed(1)} ms`);
}

benchRealistic();
benchRangeStatement();
await benchOffThread();
