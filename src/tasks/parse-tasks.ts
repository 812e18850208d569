/**
 * The task-list parser (pure: text in, model out). A line scanner: it walks the lines once,
 * collecting phases, tasks (with their details), id-less checkboxes and dependency statements,
 * then resolves dependencies and diagnostics in dependencies.ts.
 */
import type { SegmentKind } from "./dependency-statements.js";
import { resolveDependencies, type PlacedSegment } from "./dependencies.js";
import { filePathsIn } from "./file-paths.js";
import { parseFrontmatter } from "./frontmatter.js";
import type { Diagnostic, Dialect, Feature, Phase, Task, TaskDocument } from "./model.js";
import { readHeading, readPhaseHeading, type Heading } from "./phases.js";
import { splitSourceLines, type SourceLine } from "./source-lines.js";
import { indentOf, readListItem, readTaskHead, statusOf } from "./task-line.js";

interface DraftPhase extends Phase {
  /** Opened by a phase-like heading nested under a non-phase section ("## Examples" / "### Phase 3.2"). */
  nested: boolean;
}

interface OpenTask {
  task: Task;
  indent: number;
  contentColumn: number;
  /** A blank line has been seen since the last line of the task. */
  blank: boolean;
}

const CHECKPOINT = /^\s*(?:\*\*|__)?Checkpoint(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/i;
const BLOCK_START = /^\s*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}(?:\s|$)|>|\||```|~~~|<!--|(?:\*\*|__)[^*_]+(?:\*\*|__)\s*[:：]|(?:-{3,}|\*{3,}|_{3,})\s*$)/;

/** Fenced blocks whose arrows may state dependencies (diagrams, plain text); code is never read. */
const READ_FENCES = new Set(["", "text", "txt", "plain", "plaintext", "ascii", "mermaid"]);

export function parseTaskList(path: string, text: string): TaskDocument {
  const source = splitSourceLines(text);
  const frontmatter = parseFrontmatter(source.frontmatter?.body);
  const dialect = detectDialect(path, source.lines, frontmatter);

  const phases: DraftPhase[] = [];
  const found: Task[] = [];
  const segments: PlacedSegment[] = [];
  const withoutId: { line: number; phase: number; text: string }[] = [];
  let open: OpenTask | null = null;
  let phase: DraftPhase | null = null;
  let sectionDepth: number | null = null;
  let listStack: number[] = [];
  let firstH1: string | null = null;
  let fenceInfo: string | null = null;

  const addDetail = (current: OpenTask, line: SourceLine): void => {
    if (line.text.trim() === "") return;
    current.task.details.push(deindent(line.text, current.contentColumn));
    current.blank = false;
  };
  const scan = (line: SourceLine, content: string, owner: string | null, kind: SegmentKind = owner === null ? "prose" : "detail"): void => {
    segments.push({ line: line.number, text: content, owner, kind, phase: phase ? phase.index : null });
  };

  for (const line of source.lines) {
    const t = line.text;
    if (line.context === "frontmatter") continue;
    if (line.context !== "text") {
      if (open && (t.trim() === "" || indentOf(t) > open.indent)) addDetail(open, line);
      else open = null;
      if (line.context === "fence") {
        const fence = /^\s*(?:`{3,}|~{3,})\s*([\w-]*)/.exec(t);
        if (fence) fenceInfo = fenceInfo === null ? (fence[1] ?? "").toLowerCase() : null;
        else if (fenceInfo !== null && READ_FENCES.has(fenceInfo)) scan(line, t, null, "code");
      }
      continue;
    }
    if (t.trim() === "") {
      if (open) open.blank = true;
      continue;
    }

    const heading = readHeading(t);
    if (heading) {
      open = null;
      listStack = [];
      if (heading.depth === 1 && firstH1 === null) firstH1 = heading.text;
      const opened = openPhase(heading, dialect, phases, phase, sectionDepth, line.number);
      phase = opened.phase;
      sectionDepth = opened.sectionDepth;
      continue;
    }

    if (phase) {
      const checkpoint = CHECKPOINT.exec(t);
      if (checkpoint) {
        open = null;
        const value = (checkpoint[1] ?? "").trim();
        phase.checkpoint = phase.checkpoint === null ? value : `${phase.checkpoint}\n${value}`;
        continue;
      }
    }

    const item = readListItem(t);
    if (item) {
      const head = readTaskHead(item.content);
      if (open && item.indent > open.indent && !(head && item.markerColumn >= 0)) {
        addDetail(open, line);
        scan(line, item.content, open.task.id);
        continue;
      }
      open = null;
      while (listStack.length > 0 && (listStack[listStack.length - 1] as number) >= item.indent) listStack.pop();
      const nested = listStack.length > 0;
      listStack.push(item.indent);
      if (head && (item.markerColumn >= 0 || (head.boldId && phase !== null))) {
        const state = statusOf(item.marker);
        const task: Task = {
          id: head.id,
          line: line.number,
          checkboxOffset: item.markerColumn >= 0 ? line.start + item.markerColumn : -1,
          marker: item.marker,
          checked: state.checked,
          status: state.status,
          parallel: head.parallel,
          story: head.story,
          tags: head.tags,
          description: head.description,
          files: [],
          details: [],
          phaseIndex: phase ? phase.index : null,
          blockedBy: [],
        };
        found.push(task);
        open = { task, indent: item.indent, contentColumn: item.contentColumn, blank: false };
        scan(line, item.content, task.id, "task");
        continue;
      }
      if (item.markerColumn >= 0 && phase && !nested && item.content.trim() !== "") {
        withoutId.push({ line: line.number, phase: phase.index, text: item.content.trim() });
      }
      scan(line, item.content, null);
      continue;
    }

    if (open) {
      if (indentOf(t) > open.indent || (!open.blank && !BLOCK_START.test(t))) {
        addDetail(open, line);
        scan(line, t, open.task.id);
        continue;
      }
      open = null;
    }
    if (indentOf(t) === 0) listStack = [];
    scan(line, t, null, t.trimStart().startsWith("|") ? "table-row" : "prose");
  }

  const { phases: keptPhases, remap } = keepPhases(phases, found);
  const diagnostics: Diagnostic[] = [];
  const tasks = uniqueTasks(found, diagnostics);
  for (const task of tasks) {
    task.phaseIndex = task.phaseIndex === null ? null : (remap.get(task.phaseIndex) ?? null);
    const owner = task.phaseIndex === null ? undefined : keptPhases[task.phaseIndex];
    if (task.story === null && owner) task.story = owner.story;
    owner?.taskIds.push(task.id);
    task.files = filePathsIn([task.description, ...task.details]);
  }
  for (const w of withoutId) {
    if (!remap.has(w.phase)) continue;
    diagnostics.push({
      severity: "warning",
      code: "task-without-id",
      line: w.line,
      message: `checkbox item looks like a task but has no task id: "${truncate(w.text, 60)}"`,
    });
  }
  for (const segment of segments) segment.phase = segment.phase === null ? null : (remap.get(segment.phase) ?? null);
  const resolved = resolveDependencies({ dialect, tasks, phases: keptPhases, segments });
  diagnostics.push(...resolved.diagnostics);
  if (tasks.length === 0) {
    diagnostics.push({ severity: "warning", code: "no-tasks", line: 1, message: "no tasks found (no list items with a task id)" });
  }
  diagnostics.sort((a, b) => a.line - b.line);

  return {
    path,
    dialect,
    feature: featureOf(path, frontmatter, firstH1),
    phases: keptPhases,
    tasks,
    taskEdges: resolved.taskEdges,
    groupEdges: resolved.groupEdges,
    phaseEdges: resolved.phaseEdges,
    diagnostics,
    lineEnding: source.lineEnding,
  };
}

/** Applies a heading: opens a phase, ends the current one, or is a sub-heading inside it. */
function openPhase(
  heading: Heading,
  dialect: Dialect,
  phases: DraftPhase[],
  current: DraftPhase | null,
  sectionDepth: number | null,
  line: number,
): { phase: DraftPhase | null; sectionDepth: number | null } {
  const head = readPhaseHeading(heading.text, dialect);
  if (head) {
    const nested = sectionDepth !== null && heading.depth > sectionDepth;
    const phase: DraftPhase = {
      ...head,
      index: phases.length,
      line,
      depth: heading.depth,
      checkpoint: null,
      taskIds: [],
      nested,
    };
    phases.push(phase);
    return { phase, sectionDepth: nested ? sectionDepth : null };
  }
  if (current && heading.depth > current.depth) return { phase: current, sectionDepth };
  if (heading.depth < 2) return { phase: null, sectionDepth };
  if (current && !current.nested) return { phase: null, sectionDepth: heading.depth };
  const depth = sectionDepth === null || heading.depth <= sectionDepth ? heading.depth : sectionDepth;
  return { phase: null, sectionDepth: depth };
}

/** Drops phase-like headings nested in non-phase sections that hold no task; maps old → new index. */
function keepPhases(phases: DraftPhase[], tasks: Task[]): { phases: Phase[]; remap: Map<number, number> } {
  const withTasks = new Set(tasks.map((t) => t.phaseIndex));
  const remap = new Map<number, number>();
  const kept: Phase[] = [];
  for (const draft of phases) {
    if (draft.nested && !withTasks.has(draft.index)) continue;
    const { nested: _nested, ...phase } = draft;
    remap.set(draft.index, kept.length);
    kept.push({ ...phase, index: kept.length });
  }
  return { phases: kept, remap };
}

/** Keeps the first task of each id; later ones become duplicate-id errors. */
function uniqueTasks(found: Task[], diagnostics: Diagnostic[]): Task[] {
  const first = new Map<string, Task>();
  const tasks: Task[] = [];
  for (const task of found) {
    const earlier = first.get(task.id);
    if (earlier) {
      diagnostics.push({
        severity: "error",
        code: "duplicate-id",
        line: task.line,
        taskId: task.id,
        message: `duplicate task id ${task.id} (first used on line ${earlier.line}); this one is ignored`,
      });
      continue;
    }
    first.set(task.id, task);
    tasks.push(task);
  }
  return tasks;
}

export function detectDialect(path: string, lines: readonly SourceLine[], frontmatter: Record<string, unknown>): Dialect {
  if (/(^|[\\/])\.xe[\\/]/.test(path)) return "xe";
  if (typeof frontmatter["id"] === "string" || typeof frontmatter["id"] === "number") return "xe";
  for (const line of lines) {
    if (line.context === "text" && /^ {0,3}#{1,6}\s+Step\s+\d+/i.test(line.text)) return "xe";
  }
  return "spec-kit";
}

function featureOf(path: string, frontmatter: Record<string, unknown>, h1: string | null): Feature {
  const parts = path.split(/[\\/]/).filter((p) => p !== "" && p !== ".");
  const dir = parts.length >= 2 ? (parts[parts.length - 2] as string) : undefined;
  const stem = (parts[parts.length - 1] ?? "").replace(/\.[^.]*$/, "");
  const id = dir ?? (typeof frontmatter["id"] === "string" ? frontmatter["id"] : stem) ?? stem;
  const fmTitle = frontmatter["title"];
  let title: string | null = typeof fmTitle === "string" && fmTitle.trim() !== "" ? fmTitle.trim() : null;
  if (title === null && h1 !== null) {
    const stripped = h1.replace(/^Tasks?\b\s*(?:[:：\-–—]\s*)?/i, "").trim();
    title = stripped !== "" ? stripped : null;
  }
  return { id, title: title ?? id, frontmatter };
}

function deindent(text: string, columns: number): string {
  let i = 0;
  while (i < columns && i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return text.slice(i).trimEnd();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
