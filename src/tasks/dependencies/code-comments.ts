/**
 * Comments inside fenced examples: in a "parallel execution" block, a comment such as
 * "# After T017/T018: refactor" heads the task lines below it (down to a blank line or the next
 * comment), and those tasks wait for the ids the comment names. Each comment gives one statement
 * whose blocked side is the first id of every line it heads.
 */
import { extractStatements, type DependencyStatement, type TextSegment } from "./dependency-statements.js";
import { findPlacedReferences, type IdReference } from "../lines/task-ids.js";

const COMMENT = /^\s*(?:#+|\/\/|--)\s*(.+?)\s*$/;

export function commentStatements(segments: readonly TextSegment[], numbered: boolean): DependencyStatement[] {
  const out: DependencyStatement[] = [];
  segments.forEach((segment, i) => {
    if (segment.kind !== "code") return;
    const comment = COMMENT.exec(segment.text);
    if (!comment) return;
    const said = extractStatements({ ...segment, text: comment[1] as string, kind: "prose", owner: null }, numbered);
    const heads = said.filter(
      (s): s is Extract<DependencyStatement, { kind: "blocks" }> =>
        s.kind === "blocks" && s.blocked.refs.length === 0 && s.blockers.refs.length > 0,
    );
    if (heads.length === 0) return;
    const launched: IdReference[] = [];
    for (let k = i + 1, line = segment.line + 1; k < segments.length; k++, line++) {
      const next = segments[k] as TextSegment;
      if (next.kind !== "code" || next.line !== line || COMMENT.test(next.text)) break;
      const first = findPlacedReferences(next.text, numbered)[0];
      if (first) launched.push(first.kind === "id" ? { kind: "id", id: first.id } : { ...first });
    }
    if (launched.length === 0) return;
    for (const s of heads) out.push({ ...s, blocked: { refs: launched, name: null } });
  });
  return out;
}
