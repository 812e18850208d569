/**
 * The task-list parser (pure: text in, model out). The document's structure (headings, list
 * nesting, code, HTML, blockquotes, tables) comes from a CommonMark + GFM parser
 * (markdown-blocks.ts); the task grammar (task-line.ts) reads the raw line each list item or
 * heading starts on, so a checkbox's offset is exact. One pass over the lines collects phases,
 * tasks (with their details and sub-tasks) and the text segments that dependencies.ts reads.
 */
import { resolveDependencies, type PlacedSegment } from "./dependencies/dependencies.js";
import { netInput, unreadStatements } from "./dependencies/unread-statements.js";
import type { SegmentKind } from "./dependencies/dependency-statements.js";
import { detectDialect } from "./structure/dialects.js";
import {
  featureOf,
  idsOfRange,
  keepPhases,
  linkNumberedParents,
  requirementsIn,
  uniqueTasks,
  type DraftPhase,
} from "./structure/document-parts.js";
import { filePathsIn } from "./lines/file-paths.js";
import { parseFrontmatter } from "./markdown/frontmatter.js";
import { readMarkdownBlocks } from "./markdown/read-blocks.js";
import type { Diagnostic, Dialect, Task, TaskDocument } from "./model.js";
import { openPhase } from "./structure/phase-sections.js";
import { saysSkipped } from "./structure/phases.js";
import { splitSourceLines, type SourceLine } from "./markdown/source-lines.js";
import { isDelimiterRow, readTableRow, splitRow, tasksFromTables, type TableRow } from "./lines/table-tasks.js";
import { readListItem, readTaskHead, statusOf, TASK_ID, type TaskHead } from "./lines/task-line.js";

export { detectDialect } from "./structure/dialects.js";

/** A task and where its text starts, for de-indenting its details. */
interface Owner {
  task: Task;
  contentColumn: number;
  /** A task written as a heading: the ID-less checklist under it says whether it is done. */
  checklist?: { total: number; ticked: number; depth: number };
}

const CHECKPOINT = /^\s*(?:\*\*|__)?Checkpoint(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/i;
const STATUS_LINE = /^\s*(?:\*\*|__)?(?:Status|Estado|Статус|状态|状態)(?:\*\*|__)?\s*[:：]/i;
/** "T001: title" or "Task 1.1: title" as a heading; in Kiro's flatter format also "Task 1: title" over its "1.1" items. */
const HEADING_TASK = new RegExp(
  `^(?:Task\\s+(\\d{1,4}(?:\\.\\d{1,4})+)|(${TASK_ID}))\\s*(?:[:：.\\-–—]\\s+|\\s+)(.*)$`,
);
const KIRO_HEADING_TASK = /^Task\s+(\d{1,4})\s*[:：.\-–—]\s+(.*)$/;

/** Fenced blocks whose arrows may state dependencies (diagrams, plain text); code is never read. */
const READ_FENCES = new Set(["", "text", "txt", "plain", "plaintext", "ascii", "mermaid"]);

export function parseTaskList(path: string, text: string): TaskDocument {
  const source = splitSourceLines(text);
  const frontmatter = parseFrontmatter(source.frontmatter?.body);
  const markdown = source.lines.map((l) => (l.context === "frontmatter" ? "" : l.text));
  const dialect = detectDialect(path, markdown, frontmatter);
  const md = readMarkdownBlocks(markdown);

  const phases: DraftPhase[] = [];
  const found: Task[] = [];
  const numbered = new Set<string>();
  const segments: PlacedSegment[] = [];
  const withoutId: { line: number; phase: number; text: string }[] = [];
  const ownerOfItem: (Owner | null)[] = [];
  const headingTasks: Owner[] = [];
  let phase: DraftPhase | null = null;
  let sectionDepth: number | null = null;
  let firstH1: string | null = null;
  let headingTask: Owner | null = null;
  let code: { lang: string | null; start: number; end: number } | null = null;
  let table: { header: string[]; last: number } | null = null;
  const tableRows: { row: TableRow; phase: number | null }[] = [];

  const scan = (line: SourceLine, content: string, owner: string | null, kind: SegmentKind): void => {
    segments.push({ line: line.number, text: content, owner, kind, phase: phase ? phase.index : null });
  };
  const addDetail = (owner: Owner, line: SourceLine): void => {
    if (line.text.trim() !== "") owner.task.details.push(deindent(line.text, owner.contentColumn));
  };
  const newTask = (
    line: SourceLine,
    head: TaskHead,
    id: string,
    marker: string,
    offset: number,
    parentId: string | null,
    optional: boolean,
    status: ReturnType<typeof statusOf>,
  ): Task => {
    const task: Task = {
      id,
      line: line.number,
      checkboxOffset: offset,
      marker,
      checked: status.checked,
      status: status.status,
      parallel: head.parallel,
      story: head.story,
      tags: head.tags,
      assignees: head.assignees,
      description: head.description,
      files: [],
      details: [],
      phaseIndex: phase ? phase.index : null,
      parentId,
      optional,
      requirements: [],
      blockedBy: [],
    };
    found.push(task);
    if (head.numbered) numbered.add(id);
    return task;
  };

  const onHeading = (line: SourceLine): void => {
    const heading = md.headings.get(line.number);
    if (!heading) return; // the second line of a setext heading
    if (headingTask && heading.depth > (headingTask.checklist?.depth ?? 0)) {
      addDetail(headingTask, line);
      return;
    }
    headingTask = null;
    if (heading.depth === 1 && firstH1 === null) firstH1 = heading.text;
    const kiroTask = heading.depth >= 2 && dialect === "kiro" ? KIRO_HEADING_TASK.exec(heading.text) : null;
    const asTask =
      heading.depth >= 2
        ? (HEADING_TASK.exec(heading.text) ??
          (kiroTask ? ([kiroTask[0], kiroTask[1], undefined, kiroTask[2]] as unknown as RegExpExecArray) : null))
        : null;
    if (asTask) {
      const id = (asTask[1] ?? asTask[2]) as string;
      const head = readTaskHead(`${id} ${asTask[3] ?? ""}`, { numbered: true }) ?? {
        id,
        parallel: false,
        story: null,
        tags: [],
        assignees: [],
        description: asTask[3] ?? "",
        boldId: false,
      };
      const task = newTask(line, { ...head, numbered: asTask[1] !== undefined }, id, "", -1, null, false, statusOf(""));
      headingTask = { task, contentColumn: 0, checklist: { total: 0, ticked: 0, depth: heading.depth } };
      headingTasks.push(headingTask);
      scan(line, heading.text, task.id, "task");
      return;
    }
    const opened = openPhase(heading, dialect, phases, phase, sectionDepth, line.number);
    phase = opened.phase;
    sectionDepth = opened.sectionDepth;
    scan(line, heading.text, null, "heading");
  };

  const onItem = (line: SourceLine, index: number): void => {
    const item = md.items[index];
    const parent = (item && item.parent >= 0 ? ownerOfItem[item.parent] : null) ?? headingTask;
    const li = readListItem(line.text);
    const hasBox = li !== null && li.markerColumn >= 0;
    const head = li ? readTaskHead(li.content, { numbered: hasBox }) : null;
    if (li === null || head === null || !(hasBox || (head.boldId && phase !== null)) || (parent !== null && !hasBox)) {
      ownerOfItem[index] = parent;
      const content = li ? li.content : line.text;
      if (parent) {
        addDetail(parent, line);
        if (hasBox && parent.checklist) {
          parent.checklist.total++;
          if (li.marker === "x" || li.marker === "X") parent.checklist.ticked++;
        }
        scan(line, content, parent.task.id, "detail");
        return;
      }
      if (hasBox && phase && item?.parent === -1 && content.trim() !== "")
        withoutId.push({ line: line.number, phase: phase.index, text: content.trim() });
      scan(line, content, null, "prose");
      return;
    }
    const status = statusOf(li.marker, li.content, dialect === "kiro");
    const offset = hasBox ? line.start + li.markerColumn : -1;
    const optional = li.optional || head.optional === true;
    const ids = head.rangeTo ? idsOfRange(head.id, head.rangeTo) : [head.id, ...(head.alsoIds ?? [])];
    const tasks = ids.map((id) =>
      newTask(line, head, id, li.marker, offset, parent ? parent.task.id : null, optional, status),
    );
    ownerOfItem[index] = { task: tasks[0] as Task, contentColumn: li.contentColumn };
    scan(line, li.content, head.id, "task");
  };

  for (const line of source.lines) {
    if (line.context === "frontmatter") continue;
    const block = md.lines[line.number];
    if (!block || block.kind === "blank") continue;
    if (block.kind === "heading") {
      onHeading(line);
      continue;
    }
    const owner = (block.item >= 0 ? ownerOfItem[block.item] : null) ?? headingTask;
    if (block.kind === "code") {
      const started = md.codes.get(line.number);
      if (started) code = { lang: started.lang, start: line.number, end: started.endLine };
      if (owner) addDetail(owner, line);
      const fenceLine =
        code !== null &&
        code.lang !== null &&
        (line.number === code.start || (line.number === code.end && /^\s*(?:`{3,}|~{3,})\s*$/.test(line.text)));
      if (code && !fenceLine && (code.lang === null || READ_FENCES.has(code.lang))) scan(line, line.text, null, "code");
      continue;
    }
    if (block.kind !== "text" && block.kind !== "table") {
      if (owner) addDetail(owner, line);
      continue;
    }
    if (block.kind === "table") {
      const cells = splitRow(line.text);
      if (table === null || table.last !== line.number - 1) table = { header: cells, last: line.number };
      else {
        table.last = line.number;
        const row = isDelimiterRow(cells) ? null : readTableRow(line.number, cells, table.header);
        if (row) tableRows.push({ row, phase: (phase as DraftPhase | null)?.index ?? null });
      }
      scan(line, line.text, null, "table-row");
      continue;
    }
    const itemIndex = md.itemAt.get(line.number);
    if (itemIndex !== undefined && itemIndex === block.item) {
      onItem(line, itemIndex);
      continue;
    }
    const current = phase as DraftPhase | null;
    if (current) {
      const checkpoint = CHECKPOINT.exec(line.text);
      if (checkpoint) {
        const value = (checkpoint[1] ?? "").trim();
        current.checkpoint = current.checkpoint === null ? value : `${current.checkpoint}\n${value}`;
        continue;
      }
      if (STATUS_LINE.test(line.text) && saysSkipped(line.text) && found.at(-1)?.phaseIndex !== current.index)
        current.skipped = true;
    }
    if (owner) {
      addDetail(owner, line);
      scan(line, line.text, owner.task.id, "detail");
    } else {
      scan(line, line.text, null, "prose");
    }
  }

  for (const h of headingTasks) {
    const list = h.checklist;
    if (list && list.total > 0 && list.ticked === list.total) Object.assign(h.task, { checked: true, status: "done" });
    // A heading task over numbered sub-tasks ("## Task 1" over "1.1", "1.2") is done when they all are.
    const children = list && list.total === 0 ? found.filter((t) => t.parentId === h.task.id) : [];
    if (children.length > 0 && children.every((t) => t.checked || t.status === "dropped"))
      Object.assign(h.task, { checked: true, status: "done" });
  }
  tasksFromTables(tableRows, found, numbered);
  return finish({
    path,
    dialect,
    frontmatter,
    firstH1,
    phases,
    found,
    numbered,
    segments,
    withoutId,
    lineEnding: source.lineEnding,
  });
}

interface Collected {
  path: string;
  dialect: Dialect;
  frontmatter: Record<string, unknown>;
  firstH1: string | null;
  phases: DraftPhase[];
  found: Task[];
  numbered: Set<string>;
  segments: PlacedSegment[];
  withoutId: { line: number; phase: number; text: string }[];
  lineEnding: "\n" | "\r\n";
}

function finish(c: Collected): TaskDocument {
  const { dialect, segments } = c;
  // Numbered ids only where the list has no T-ids: "1. Check X" in a spec-kit list is a checklist.
  const hasTIds = c.found.some((t) => !c.numbered.has(t.id));
  const candidates = hasTIds ? c.found.filter((t) => !c.numbered.has(t.id)) : c.found;
  const { phases, remap } = keepPhases(c.phases, candidates);
  const diagnostics: Diagnostic[] = [];
  const tasks = uniqueTasks(candidates, diagnostics);
  linkNumberedParents(tasks, c.numbered);
  const known = new Set(tasks.map((t) => t.id));
  for (const task of tasks) {
    if (task.parentId !== null && !known.has(task.parentId)) task.parentId = null;
    task.phaseIndex = task.phaseIndex === null ? null : (remap.get(task.phaseIndex) ?? null);
    const owner = task.phaseIndex === null ? undefined : phases[task.phaseIndex];
    if (task.story === null && owner) task.story = owner.story;
    owner?.taskIds.push(task.id);
    task.files = filePathsIn([task.description, ...task.details]);
    task.requirements = requirementsIn(task.details);
  }
  for (const w of c.withoutId) {
    if (!remap.has(w.phase)) continue;
    diagnostics.push({
      severity: "warning",
      code: "task-without-id",
      line: w.line,
      message: `checkbox item looks like a task but has no task id: "${truncate(w.text, 60)}"`,
    });
  }
  for (const segment of segments) segment.phase = segment.phase === null ? null : (remap.get(segment.phase) ?? null);
  const resolved = resolveDependencies({ dialect, tasks, phases, segments });
  diagnostics.push(...resolved.diagnostics);
  diagnostics.push(...unreadStatements(netInput(tasks, phases, segments, resolved)));
  if (tasks.length === 0) {
    diagnostics.push({
      severity: "warning",
      code: "no-tasks",
      line: 1,
      message: "no tasks found (no list items with a task id)",
    });
  }
  diagnostics.sort((a, b) => a.line - b.line);
  return {
    path: c.path,
    dialect,
    feature: featureOf(c.path, c.frontmatter, c.firstH1),
    phases,
    tasks,
    taskEdges: resolved.taskEdges,
    groupEdges: resolved.groupEdges,
    phaseEdges: resolved.phaseEdges,
    diagnostics,
    lineEnding: c.lineEnding,
  };
}

function deindent(text: string, columns: number): string {
  let i = 0;
  while (i < columns && i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return text.slice(i).trimEnd();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
