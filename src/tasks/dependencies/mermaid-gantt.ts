/**
 * Mermaid gantt charts in a task list: a bar labelled with tasks ("T003-T005 Config :done, p1_2,
 * after p1_1, 1d") waits for the bars it is drawn `after`. Each `after` becomes one statement
 * between the two bars' tasks.
 */
import type { DependencyStatement, TextSegment } from "./dependency-statements.js";
import { findIdReferences, type IdReference } from "../lines/task-ids.js";

const BAR = /^\s*([^:%]+?)\s*:\s*([^:]+)$/;
const KEYWORDS = /^(?:title|dateformat|axisformat|excludes|includes|section|todaymarker|tickinterval|weekday|gantt)\b/i;
const STATUS = /^(?:done|active|crit|milestone)$/i;
const DATE_OR_DURATION = /^(?:\d{4}-\d{2}-\d{2}.*|\d+(?:\.\d+)?[a-z]+)$/i;

interface Bar {
  id: string | null;
  refs: IdReference[];
  after: string[];
  line: number;
}

export function ganttStatements(segments: readonly TextSegment[]): DependencyStatement[] {
  const bars: Bar[] = [];
  for (const segment of segments) {
    if (segment.kind !== "code") continue;
    const m = BAR.exec(segment.text);
    if (!m || KEYWORDS.test(m[1] as string)) continue;
    const refs = findIdReferences(m[1] as string);
    const meta = (m[2] as string).split(",").map((s) => s.trim());
    let id: string | null = null;
    const after: string[] = [];
    for (const item of meta) {
      const a = /^after\s+(.+)$/i.exec(item);
      if (a) after.push(...(a[1] as string).split(/\s+/));
      else if (!STATUS.test(item) && !DATE_OR_DURATION.test(item) && /^[\w-]+$/.test(item) && id === null) id = item;
    }
    if (id !== null || after.length > 0) bars.push({ id, refs, after, line: segment.line });
  }
  const byId = new Map(bars.filter((b) => b.id !== null).map((b) => [b.id as string, b]));
  const out: DependencyStatement[] = [];
  for (const bar of bars) {
    if (bar.refs.length === 0) continue;
    for (const name of bar.after) {
      const blocker = byId.get(name);
      if (!blocker || blocker.refs.length === 0) continue;
      out.push({
        kind: "blocks",
        line: bar.line,
        owner: null,
        pairwise: false,
        blocked: { refs: bar.refs, name: null },
        blockers: { refs: blocker.refs, name: null },
      });
    }
  }
  return out;
}
