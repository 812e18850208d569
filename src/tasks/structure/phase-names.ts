/**
 * Names that stand for a phase or for a labelled group of tasks in dependency prose: "Phase 2",
 * "Fase 3", "フェーズ1", "US1", "User Story 3", "WP02", "Setup", "Foundational", "Polish", and
 * labels a list defines itself ("**Types Phase (T042-T047)**" then "Types block T048-T052").
 */
import type { Phase, PhaseKind } from "../model.js";

const NUMBERED =
  /(?:phase|fase|étape|etapa|stage|step|этап|фаза|フェーズ|阶段|階段|단계)\s*(\d+(?:\.\d+)?)(?:\s*[-–~〜]\s*(\d+(?:\.\d+)?)|(\+))?/giu;
const STORY =
  /\b(?:US|HU)[-\s]?0*(\d+)\b|(?:user\s+stor(?:y|ies)|historia(?:\s+de\s+usuario)?|história|histoire|история|ユーザーストーリー|用户故事|사용자\s*스토리)\s*0*(\d+)/giu;
const WORK_PACKAGE = /\bWP\s?0*(\d+)\b/giu;
const KINDS: Array<[RegExp, PhaseKind]> = [
  [/\b(?:setup|configuración|configuração|configuration|einrichtung|настройка)\b|セットアップ|设置|准备/iu, "setup"],
  [
    /\b(?:foundational|foundation|fundacional|fundamentos|fondations?|grundlagen|основ\w*)\b|基盤|基础/iu,
    "foundational",
  ],
  [/\b(?:polish|pulido|polimento|finitions|feinschliff|полировка)\b|仕上げ|打磨|完善/iu, "polish"],
];

/** The phases a name designates, in document order; [] when it names none. */
export function phasesNamed(name: string, phases: readonly Phase[]): number[] {
  const found = new Set<number>();
  for (const m of name.matchAll(NUMBERED)) {
    const from = m[1] as string;
    const to = m[2] ?? null;
    for (const p of phases) {
      if (p.number === null) continue;
      const n = Number(p.number);
      if (
        p.number === from ||
        (to !== null && n >= Number(from) && n <= Number(to)) ||
        (m[3] !== undefined && n >= Number(from))
      )
        found.add(p.index);
    }
  }
  for (const m of name.matchAll(STORY)) {
    const story = `US${Number(m[1] ?? m[2])}`;
    for (const p of phases) if (p.story === story) found.add(p.index);
  }
  for (const m of name.matchAll(WORK_PACKAGE)) {
    const wp = new RegExp(`\\bWP\\s?0*${Number(m[1])}\\b`, "i");
    for (const p of phases) if (wp.test(p.heading)) found.add(p.index);
  }
  if (found.size === 0) {
    for (const [pattern, kind] of KINDS) {
      if (!pattern.test(name)) continue;
      const of = phases.filter((p) => p.kind === kind);
      if (of.length === 1) found.add((of[0] as Phase).index);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** A group of tasks a list names in a label line of its own, such as "**Types Phase (T042-T047)**". */
export interface TaskLabel {
  key: string;
  from: string;
  to: string;
}

const LABEL_LINE =
  /^\s*(?:[-*+]\s+)?([\p{L}][\p{L}\s/&-]{0,40}?)\s*\(\s*(T\d+[a-z]?)\s*[-–—]\s*(T\d+[a-z]?)\s*\)\s*[:：]?\s*$/u;
const FILLER = new Set(["all", "the", "phase", "fase", "todos", "todas", "tous", "toutes", "alle", "все"]);

export function labelKey(name: string): string {
  return (name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !FILLER.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w))
    .join(" ");
}

/** The label a cleaned prose line defines, if it is only a label and a range. */
export function readLabel(cleaned: string): TaskLabel | null {
  const m = LABEL_LINE.exec(cleaned);
  if (!m) return null;
  const key = labelKey(m[1] as string);
  return key === "" ? null : { key, from: m[2] as string, to: m[3] as string };
}
