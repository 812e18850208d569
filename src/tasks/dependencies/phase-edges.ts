/**
 * Phase edges: the structural chain (phases.ts: Setup → Foundational → stories → Polish, or
 * each phase after the previous), replaced where the list's own prose speaks ("User Story 3
 * depends on User Story 2", "WP02 depends on WP01", "No phase depends on another"), with skipped
 * phases gating nothing (their dependents wait for what they waited for instead).
 */
import type { TextSegment } from "./dependency-statements.js";
import type { DependencyEdge, Phase, Task } from "../model.js";
import { structuralPhaseEdges } from "../structure/phases.js";

const NO_PHASE_DEPENDENCIES =
  /\b(?:no|none\s+of\s+the|ninguna|nenhuma|aucune|keine|nessuna)\s+(?:phases?|fases?|étapes?|stages?)\s+(?:depends?|depende|dépend|hängt|dipende)\b|(?:各|どの)?フェーズ(?:間|は)?(?:に)?依存(?:関係)?(?:は)?(?:なし|ありません)|阶段之间(?:没有|无)依赖/iu;
const INDEPENDENT_TASKS =
  /\b(?:no\s+dependencies\s+(?:between|among|on\s+each\s+other)|independent\s+of\s+each\s+other|(?:can|may)\s+(?:run|be\s+done)\s+in\s+any\s+order|sin\s+dependencias\s+entre\s+sí|sem\s+dependências\s+entre\s+si)\b|互不依赖|相互依存なし|相互に依存しない/iu;
const DEPENDENCY_HEADING = /dependenc|dependênc|dépendanc|abhängigkeit|dipendenz|зависимост|依赖|依賴|依存|의존/iu;
/** "- None (…)", "Dependencies: none", "依赖: 无": the section's phase waits for nothing. */
const NONE =
  /^\s*(?:[-*+]\s*)?(?:[^:：]{0,30}[:：]\s*)?(?:none|nothing|n\/a|ninguna|nenhuma|aucune|keine|nessuna|нет|无|無|なし|없음)(?![\p{L}])/iu;
const SKIPPED =
  /\b(?:SKIPPED|SKIP|OMITTED|NOT\s+APPLICABLE|N\/A|omitida|pulada|ignorée)\b|пропущен|跳过|スキップ|건너뜀/iu;

/** What the list's prose says about phases, collected while its segments are read. */
export class PhaseStatements {
  /** blocked phase → its stated blockers. */
  readonly stated = new Map<number, Set<number>>();
  readonly lines = new Map<string, number>();
  noneAtAll = false;
  private readonly independent = new Set<number>();
  private readonly skippedByText = new Set<number>();
  private underDependencyHeading = false;

  constructor(private readonly phases: readonly Phase[]) {}

  read(segment: TextSegment & { phase: number | null }): void {
    if (segment.kind === "code" || segment.kind === "task") return;
    if (segment.kind === "heading") {
      this.underDependencyHeading = DEPENDENCY_HEADING.test(segment.text);
      return;
    }
    if (NO_PHASE_DEPENDENCIES.test(segment.text)) this.noneAtAll = true;
    if (segment.phase === null) return;
    const field =
      /^\s*(?:[-*+]\s*)?(?:\*\*)?(?:depends\s+on|dependencies|dependências|dependencias|依赖|依存|зависимости)(?:\*\*)?\s*[:：]/iu.test(
        segment.text,
      );
    if (
      segment.kind === "prose" &&
      (this.underDependencyHeading || field) &&
      NONE.test(segment.text.replace(/\*\*/g, ""))
    )
      this.state([segment.phase], [], segment.line);
    if (INDEPENDENT_TASKS.test(segment.text)) this.independent.add(segment.phase);
    if (
      segment.kind === "prose" &&
      /\bstatus\b|статус|estado|状态|状態/iu.test(segment.text) &&
      SKIPPED.test(segment.text)
    ) {
      this.skippedByText.add(segment.phase);
    }
  }

  state(blocked: number[], blockers: number[], line: number): void {
    for (const b of blocked) {
      const set = this.stated.get(b) ?? new Set<number>();
      for (const k of blockers) {
        if (k === b) continue;
        set.add(k);
        this.lines.set(`${b}\0${k}`, line);
      }
      this.stated.set(b, set);
    }
  }

  independentPhases(): ReadonlySet<number> {
    return this.independent;
  }

  isSkipped(phase: Phase, tasks: ReadonlyMap<string, Task>): boolean {
    if (phase.skipped || this.skippedByText.has(phase.index) || SKIPPED.test(phase.heading)) return true;
    return phase.taskIds.length > 0 && phase.taskIds.every((id) => tasks.get(id)?.status === "dropped");
  }
}

export function phaseEdgesOf(
  phases: readonly Phase[],
  tasks: readonly Task[],
  said: PhaseStatements,
): DependencyEdge[] {
  const structural = said.noneAtAll ? [] : structuralPhaseEdges(phases);
  const blockersOf = new Map<number, Set<number>>();
  const lineOf = new Map<string, number>();
  for (const e of structural) {
    const blocked = Number(e.from);
    if (said.stated.has(blocked)) continue;
    const set = blockersOf.get(blocked) ?? new Set<number>();
    set.add(Number(e.to));
    blockersOf.set(blocked, set);
    lineOf.set(`${blocked}\0${e.to}`, e.line);
  }
  for (const [blocked, set] of said.stated)
    blockersOf.set(blocked, new Set([...(blockersOf.get(blocked) ?? []), ...set]));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const skipped = new Set(phases.filter((p) => said.isSkipped(p, byId)).map((p) => p.index));
  const through = (phase: number, seen: Set<number>): number[] => {
    if (!skipped.has(phase)) return [phase];
    if (seen.has(phase)) return [];
    seen.add(phase);
    return [...(blockersOf.get(phase) ?? [])].flatMap((p) => through(p, seen));
  };
  const edges: DependencyEdge[] = [];
  for (const phase of phases) {
    const out = new Set<number>();
    for (const blocker of blockersOf.get(phase.index) ?? [])
      for (const p of through(blocker, new Set())) if (p !== phase.index) out.add(p);
    for (const blocker of [...out].sort((a, b) => a - b)) {
      const key = `${phase.index}\0${blocker}`;
      const stated = said.lines.get(key);
      edges.push({
        from: String(phase.index),
        to: String(blocker),
        source: stated === undefined ? "structural" : "explicit",
        line: stated ?? lineOf.get(key) ?? phase.line,
      });
    }
  }
  return edges;
}
