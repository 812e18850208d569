/**
 * The task model: what a tasks.md says, as plain data. Produced by the pure parser
 * (parse-tasks.ts), read by the planner, the gates and the CLI. No GitHub types here.
 */

/** Which template family a task list follows. */
export type Dialect = "spec-kit" | "xe" | "kiro" | "openspec" | "spec-kitty";

export type Severity = "error" | "warning" | "info";

export type DiagnosticCode =
  | "duplicate-id"
  | "unknown-dependency"
  | "self-dependency"
  | "ambiguous-dependency"
  | "dependency-cycle"
  | "task-without-id"
  | "no-tasks"
  /** A line that relates tasks but from which no dependency was read (see unreadStatements). */
  | "unread-dependency";

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** 1-based line the diagnostic points at. */
  line: number;
  message: string;
  /** The task the diagnostic concerns, when there is one. */
  taskId?: string;
  /** Every task the diagnostic concerns when there are several (the members of a cycle). */
  taskIds?: string[];
}

/** The raw marker inside the brackets: " ", "x", "X", "~", "-", "/" ... */
export type CheckboxMarker = string;

/**
 * A task's status. `done` when ticked ([x] / [X]); `open` when blank; `dropped` means not
 * planned (a [~]/[-] task the text calls dropped, skipped, superseded..., or a struck-through
 * task marked removed): its issue closes as not planned and it blocks nothing. Other markers
 * keep their meaning but are not done (see statusOf in task-line.ts for the rule).
 */
export type TaskStatus = "open" | "done" | "in-progress" | "dropped" | "other";

export interface Task {
  /** Task id as written, e.g. "T012", "T001a", "T01". */
  id: string;
  /** 1-based line number of the task's checkbox line. */
  line: number;
  /**
   * Offset (in UTF-16 code units, i.e. JavaScript string index) of the checkbox marker
   * character inside the document text, e.g. the " " or "x" in "- [ ]". -1 when the task has
   * no checkbox (bold-id bullets or table rows), in which case it cannot be ticked.
   */
  checkboxOffset: number;
  /** The marker character as written (" ", "x", "X", "~", ...); "" when there is no checkbox. */
  marker: CheckboxMarker;
  checked: boolean;
  status: TaskStatus;
  /** `[P]`: may run in parallel. */
  parallel: boolean;
  /** User story id such as "US1", from the task's tag or, failing that, its phase. */
  story: string | null;
  /** Other bracket tags in order, without brackets: "Setup", "depends: T01,T02" ... */
  tags: string[];
  /** Logins named by `@login` tokens right after the tags, without the "@", in order. */
  assignees: string[];
  /** The description: the task line without checkbox, id, leading tags and `@login` tokens. */
  description: string;
  /** File paths named in backticks in the description and details. */
  files: string[];
  /** Continuation lines and sub-bullets, as written but de-indented. */
  details: string[];
  /** Index into TaskDocument.phases, or null when the task sits before any phase heading. */
  phaseIndex: number | null;
  /**
   * The task this one is a sub-task of: the task whose list item holds it, or for numbered ids
   * the task named by its prefix ("1" for "1.2"); null for a top-level task.
   */
  parentId: string | null;
  /** Kiro's optional task ("- [ ]* 2.3" or "2.3*"): never blocks, and a parent closes without it. */
  optional: boolean;
  /** Kiro `_Requirements: 1.2, 3.1_`: the requirement numbers the task implements, as written. */
  requirements: string[];
  /**
   * Ids of the tasks this task is blocked by at task level, de-duplicated, in document order:
   * explicit dependencies plus task-level structural ones (xe's sequential order and parallel
   * batches inside a step). Blockers that come from phase order are NOT expanded here: they
   * are in TaskDocument.phaseEdges, so callers can reason (and link) per phase.
   */
  blockedBy: string[];
}

export interface Phase {
  /** Position in TaskDocument.phases (document order). */
  index: number;
  /** The phase/step number as written ("1", "3.10", "0"), or null when the heading has none. */
  number: string | null;
  /** The heading text without the "Phase N:" prefix, e.g. "Setup (Shared Infrastructure)". */
  title: string;
  /** The whole heading text as written, without the leading #'s. */
  heading: string;
  /** 1-based line of the heading. */
  line: number;
  /** Heading depth (2 for "##"). */
  depth: number;
  /** What kind of phase it is, for the structural dependency rules. */
  kind: PhaseKind;
  story: string | null;
  /** "P1", "P2" ... */
  priority: string | null;
  mvp: boolean;
  /** Text of the "**Checkpoint**: ..." line(s) in the phase, if any. */
  checkpoint: string | null;
  /** Ids of the tasks in this phase, in document order. */
  taskIds: string[];
  /** The heading or the phase's own text says it is skipped: it gates nothing. */
  skipped: boolean;
}

/**
 * "section": a Kiro / OpenSpec section or a spec-kitty work package. Their order implies
 * nothing: only what the text states links them.
 */
export type PhaseKind = "setup" | "foundational" | "story" | "polish" | "step" | "section" | "other";

/** "task B is blocked by task A" (or phase B by phase A). */
export interface DependencyEdge {
  /** The blocked task id (or phase index, as a string, for phase edges). */
  from: string;
  /** The blocker. */
  to: string;
  /** Where the edge came from. */
  source: "explicit" | "structural";
  /** 1-based line of the text that declared it (explicit) or of the blocked item. */
  line: number;
}

/**
 * One statement relating two sets of tasks ("Tests (T0001-T4000) before implementation
 * (T4001-T8000)"): every `blocked` task waits for every `blockers` task. Kept as one group instead
 * of N×M task edges so parsing, planning and rendering stay linear; links fall back to phases.
 */
export interface GroupEdge {
  blockers: string[];
  blocked: string[];
  source: "explicit";
  /** 1-based line of the statement. */
  line: number;
}

export interface Feature {
  /** The feature's directory name, e.g. "001-photo-albums" or "blueprint". */
  id: string;
  /** Title from frontmatter `title`, else the `# Tasks: ...` heading, else the id. */
  title: string;
  /** Frontmatter key/values (YAML), {} when there is none. */
  frontmatter: Record<string, unknown>;
}

export interface TaskDocument {
  /** Repository-relative path of the task list, e.g. "specs/001-photo-albums/tasks.md". */
  path: string;
  dialect: Dialect;
  feature: Feature;
  phases: Phase[];
  tasks: Task[];
  /** Task-level edges: blocked task id → blocker task id (explicit and structural). */
  taskEdges: DependencyEdge[];
  /** Set-to-set dependencies too large to list as task edges (see GroupEdge). */
  groupEdges: GroupEdge[];
  /**
   * Phase-level edges: blocked phase index → blocker phase index, as strings. The sync links
   * phase issues with these instead of N×M task links.
   */
  phaseEdges: DependencyEdge[];
  diagnostics: Diagnostic[];
  /** The line ending the file uses most ("\n" or "\r\n"). */
  lineEnding: "\n" | "\r\n";
}

export function hasErrors(doc: Pick<TaskDocument, "diagnostics">): boolean {
  return doc.diagnostics.some((d) => d.severity === "error");
}
