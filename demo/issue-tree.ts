/**
 * What the demo prints (pure): the issue tree tasksync built — tracking issue → phase issues →
 * task issues, with state, labels and blocked-by links — and a line diff of a task list.
 */

export interface TreeIssue {
  number: number;
  title: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  /** Sub-issue numbers, in GitHub's order. */
  children: number[];
  /** Numbers of the issues this one is blocked by. */
  blockedBy: number[];
}

const STATE = { open: "○", completed: "●", notPlanned: "⊘" } as const;

export const LEGEND = `${STATE.open} open   ${STATE.completed} closed (completed)   ${STATE.notPlanned} closed (not planned)`;

function stateMark(issue: TreeIssue): string {
  if (issue.state === "open") return STATE.open;
  return issue.stateReason === "not_planned" ? STATE.notPlanned : STATE.completed;
}

/** Labels every issue of the tree carries: printed once, not on each line. */
export function sharedLabels(issues: readonly TreeIssue[]): string[] {
  const [first, ...rest] = issues;
  if (!first) return [];
  return first.labels.filter((l) => rest.every((i) => i.labels.includes(l)));
}

/** One issue: number, state, title, the labels its parent doesn't carry, its blockers. */
function line(issue: TreeIssue, hidden: readonly string[]): string {
  const labels = issue.labels.filter((l) => !hidden.includes(l));
  const parts = [`#${issue.number} ${stateMark(issue)} ${issue.title}`];
  if (labels.length > 0) parts.push(labels.map((l) => `[${l}]`).join(" "));
  if (issue.blockedBy.length > 0) parts.push(`⟵ blocked by ${issue.blockedBy.map((n) => `#${n}`).join(", ")}`);
  return parts.join("  ");
}

/** Every issue under `root` (itself included), depth first. */
export function issuesUnder(root: number, byNumber: ReadonlyMap<number, TreeIssue>): TreeIssue[] {
  const issue = byNumber.get(root);
  if (!issue) return [];
  return [issue, ...issue.children.flatMap((n) => issuesUnder(n, byNumber))];
}

/**
 * The tree under `root` drawn with box-drawing characters, one issue a line. Labels in `shared`
 * and labels an issue has in common with its parent are left out (a task shows what sets it
 * apart from its phase).
 */
export function renderIssueTree(
  root: number,
  byNumber: ReadonlyMap<number, TreeIssue>,
  shared: readonly string[] = [],
): string[] {
  const top = byNumber.get(root);
  if (!top) return [];
  const out = [line(top, shared)];
  const walk = (parent: TreeIssue, indent: string): void => {
    const hidden = [...shared, ...parent.labels];
    parent.children.forEach((n, i) => {
      const issue = byNumber.get(n);
      if (!issue) return;
      const last = i === parent.children.length - 1;
      out.push(`${indent}${last ? "└── " : "├── "}${line(issue, hidden)}`);
      walk(issue, `${indent}${last ? "    " : "│   "}`);
    });
  };
  walk(top, "");
  return out;
}

/** The lines that differ between two versions of a file with the same line count, as -/+ pairs. */
export function changedLines(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length) return [`(line count changed: ${a.length} → ${b.length})`];
  const out: string[] = [];
  a.forEach((text, i) => {
    const other = b[i] ?? "";
    if (text !== other) out.push(`@@ line ${i + 1} @@`, `- ${text}`, `+ ${other}`);
  });
  return out;
}
