/**
 * Tasks written as table rows. A table whose first column holds ids ("# | Task | … | Status")
 * is a task list only when the document has no checkbox or heading tasks at all (a
 * market-analyzer-style plan); otherwise its rows are a reference index ("Subtask Index") and
 * only say which tasks may run in parallel ("Parallel? | Yes").
 */
import type { Task, TaskStatus } from "../model.js";
import { TASK_ID } from "./task-line.js";

export interface TableRow {
  line: number;
  id: string;
  /** The row's description (second column). */
  description: string;
  /** From a Status column: ✅ done, 🔄 in progress, anything else open; null without one. */
  status: { checked: boolean; status: TaskStatus } | null;
  parallel: boolean;
  /** The id is dotted ("1.1") rather than a T-id. */
  numbered: boolean;
}

const ID_HEADER = /^(?:#|No\.?|Nr\.?|ID|Task(?:\s+ID)?|Subtask(?:\s+ID)?|タスク|任务|番号|Id)$/i;
const STATUS_HEADER = /^(?:Status|State|Estado|状態|状态|ステータス|Статус)$/i;
const PARALLEL_HEADER = /^(?:Parallel\??|\[P\]|並列|并行)$/i;
const ID_CELL = new RegExp(`^(?:(${TASK_ID})|(\\d{1,4}(?:\\.\\d{1,4})+))$`);
const DONE = /✅|✔|☑|\b(?:done|complete[d]?)\b|完了|完成|済/i;
const IN_PROGRESS = /🔄|⏳|\bin\s+progress\b|進行中|进行中/i;

export function splitRow(text: string): string[] {
  let row = text.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  return row.split(/(?<!\\)\|/).map((c) => c.trim());
}

export function isDelimiterRow(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-+:?$/.test(c));
}

/** The task a data row names, given its table's header; null when the row holds no id. */
export function readTableRow(line: number, cells: readonly string[], header: readonly string[]): TableRow | null {
  if (!ID_HEADER.test((header[0] ?? "").replace(/\*\*/g, ""))) return null;
  const m = ID_CELL.exec((cells[0] ?? "").replace(/\*\*|`/g, ""));
  if (!m) return null;
  const column = (pattern: RegExp): string | null => {
    const i = header.findIndex((h) => pattern.test(h.replace(/\*\*/g, "").trim()));
    return i < 0 ? null : (cells[i] ?? "");
  };
  const statusCell = column(STATUS_HEADER);
  const parallelCell = column(PARALLEL_HEADER);
  let status: TableRow["status"] = null;
  if (statusCell !== null) {
    if (DONE.test(statusCell)) status = { checked: true, status: "done" };
    else if (IN_PROGRESS.test(statusCell)) status = { checked: false, status: "in-progress" };
    else status = { checked: false, status: "open" };
  }
  return {
    line,
    id: (m[1] ?? m[2]) as string,
    description: cells[1] ?? "",
    status,
    parallel: parallelCell !== null && /^(?:yes|y|true|✓|✔|\[P\])$/i.test(parallelCell),
    numbered: m[2] !== undefined,
  };
}

/**
 * Table rows with ids are the tasks only when nothing else is (no checkbox or heading task) and
 * the table has a Status column; otherwise a "Parallel? Yes" cell marks the task it names.
 */
export function tasksFromTables(
  rows: { row: TableRow; phase: number | null }[],
  found: Task[],
  numbered: Set<string>,
): void {
  if (found.length > 0) {
    const byId = new Map(found.map((t) => [t.id, t]));
    for (const { row } of rows) {
      const task = byId.get(row.id);
      if (task && row.parallel) task.parallel = true;
    }
    return;
  }
  for (const { row, phase } of rows) {
    if (row.status === null) continue;
    if (row.numbered) numbered.add(row.id);
    found.push({
      id: row.id,
      line: row.line,
      checkboxOffset: -1,
      marker: "",
      checked: row.status.checked,
      status: row.status.status,
      parallel: row.parallel,
      story: null,
      tags: [],
      assignees: [],
      description: row.description,
      files: [],
      details: [],
      phaseIndex: phase,
      parentId: null,
      optional: false,
      requirements: [],
      blockedBy: [],
    });
  }
}
