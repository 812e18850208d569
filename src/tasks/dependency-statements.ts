/**
 * Explicit dependency statements in prose or task text: "T008 blocks T009, T015", "depends on
 * T012, T013", "Depends on: T003", "[depends: T01,T02]", "Tests (T004-T007) before
 * implementation (T008-T014)", "T003-T010 must complete before T011-T014", "T017-T019 after
 * T016", "A → B", "T006 consumed by T007", "T006-T009 ... must be sequential".
 */
import { findIdReferences, type IdReference } from "./task-ids.js";

interface StatementBase {
  /** 1-based line of the statement. */
  line: number;
  /** The task whose text holds the statement (task line or its details), else null (prose). */
  owner: string | null;
}

/** Every `blocked` id waits for every `blockers` id; or the `ids` run one after another. */
export type DependencyStatement =
  | (StatementBase & { kind: "blocks"; blocked: IdReference[]; blockers: IdReference[] })
  | (StatementBase & { kind: "sequence"; ids: IdReference[] });

const RELATION =
  /\bblocked\s+by\b|\bblocks?\b|\bconsumed\s+by\b|\bprecedes?\b|\bbefore\b|→|⟶|⇒|->|=>|\bdepend(?:s|ing)?(?:\s+on)?\b\s*:?|\bafter\b|\brequires\b|\bwaits?\s+for\b/gi;
const BACKWARD = /^(?:blocked|depend|after|requires|wait)/i;
const SEQUENTIAL = /\bmust\s+(?:be|run)\s+(?:done\s+)?sequential(?:ly)?\b/i;
const CODE_SPAN = /`[^`]*`/g;
const QUICK_CHECK = /T\d/;

/** The dependency statements in one line of text (code spans ignored). */
export function extractStatements(rawText: string, line: number, owner: string | null): DependencyStatement[] {
  if (!QUICK_CHECK.test(rawText)) return [];
  const text = rawText.includes("`") ? rawText.replace(CODE_SPAN, " ") : rawText;
  const out: DependencyStatement[] = [];
  const segments: string[] = [];
  const relations: string[] = [];
  let last = 0;
  RELATION.lastIndex = 0;
  for (let m = RELATION.exec(text); m !== null; m = RELATION.exec(text)) {
    segments.push(text.slice(last, m.index));
    relations.push(m[0]);
    last = m.index + m[0].length;
  }
  segments.push(text.slice(last));
  const ownerRef: IdReference[] = owner === null ? [] : [{ kind: "id", id: owner }];
  const refs = segments.map((s) => findIdReferences(s));
  relations.forEach((relation, i) => {
    let left = refs[i] as IdReference[];
    const right = refs[i + 1] as IdReference[];
    if (left.length === 0) left = ownerRef;
    if (left.length === 0 || right.length === 0) return;
    if (BACKWARD.test(relation)) out.push({ kind: "blocks", line, owner, blocked: left, blockers: right });
    else out.push({ kind: "blocks", line, owner, blocked: right, blockers: left });
  });
  const sequential = SEQUENTIAL.exec(text);
  if (sequential) {
    const chain = findIdReferences(text.slice(0, sequential.index));
    if (chain.length > 1 || chain[0]?.kind === "range") out.push({ kind: "sequence", line, owner, ids: chain });
  }
  return out;
}
