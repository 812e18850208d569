/**
 * Phase and step headings: recognising them, classifying them (setup, foundational, user story,
 * polish, xe step, other), ordering them numerically and deriving the structural phase edges.
 */
import type { DependencyEdge, Dialect, Phase, PhaseKind } from "../model.js";

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const NUMBERED_PHASE =
  /^(?:\*\*)?(?:(?:Phase|Step|Stage|Tier|Wave|Milestone|Sprint|Fase|Etapa|Étape|Phase|Schritt|Этап|Фаза)\s+|フェーズ\s*|阶段\s*|단계\s*)(\d+(?:\.\d+)*|[A-Z])\+?(?:\*\*)?(?=[\s:：.)\-–—,]|$)\s*(?:[:：.)\-–—]\s*)?(.*)$/i;
/** spec-kitty: "Work Package WP01: Title", "WP01 — Title". */
const WORK_PACKAGE = /^(?:Work\s+Package\s+)?WP(\d+)\b\s*(?:[:：.)\-–—]\s*)?(.*)$/i;
/** OpenSpec sections: "1. Section" (kiro, openspec and spec-kitty lists only). */
const NUMBERED_SECTION = /^(\d{1,3})[.)]\s+(\S.*)$/;
/** A heading that says the phase is skipped: "Phase 1: Setup (SKIPPED)". */
const SKIPPED = /\b(?:skipped|skip|not\s+applicable|n\/a)\b|пропущен|跳过|スキップ|omitid[ao]/i;
const KEYWORD_PHASE = /^(?:User\s+Story\s+\d+|Setup|Foundational|Foundation|Polish)\b/i;

export interface Heading {
  depth: number;
  text: string;
}

export function readHeading(line: string): Heading | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  return { depth: (m[1] as string).length, text: (m[2] ?? "").trim() };
}

export type PhaseHead = Pick<Phase, "number" | "title" | "heading" | "kind" | "story" | "priority" | "mvp" | "skipped">;

/** Whether a line of a phase's text (or its heading) says the phase is skipped. */
export function saysSkipped(text: string): boolean {
  return SKIPPED.test(text);
}

/** The phase a heading opens, or null when the heading is not a phase/step heading. */
export function readPhaseHeading(heading: string, dialect: Dialect): PhaseHead | null {
  let number: string | null = null;
  let title: string;
  const m = NUMBERED_PHASE.exec(heading);
  const wp = dialect === "spec-kitty" || dialect === "spec-kit" ? WORK_PACKAGE.exec(heading) : null;
  const section = dialect === "openspec" || dialect === "kiro" ? NUMBERED_SECTION.exec(heading) : null;
  if (m) {
    const n = m[1] as string;
    number = /^\d/.test(n) ? n : null;
    title = (m[2] ?? "").trim() || heading;
  } else if (wp) {
    number = String(Number(wp[1]));
    title = (wp[2] ?? "").trim() || heading;
  } else if (section) {
    number = section[1] as string;
    title = (section[2] as string).trim();
  } else if (KEYWORD_PHASE.test(heading)) {
    title = heading;
  } else {
    return null;
  }
  const story = storyOf(title);
  return {
    number,
    title,
    heading,
    kind:
      dialect === "xe"
        ? "step"
        : dialect === "kiro" || dialect === "openspec" || dialect === "spec-kitty"
          ? "section"
          : kindOf(title, story),
    story,
    priority: priorityOf(title),
    mvp: /\bMVP\b|🎯/.test(title),
    skipped: /\(\s*(?:skipped|пропущен\w*)\s*\)|\bSKIPPED\b/i.test(heading),
  };
}

function storyOf(title: string): string | null {
  const long = /\bUser\s+Story\s*(\d+)/i.exec(title);
  if (long) return `US${Number(long[1])}`;
  if (/\bUS\d+\s*[-–~〜,、/]\s*(?:US)?\d/.test(title)) return null; // "US1-US3": several stories
  const short = /\bUS(\d+)\b/.exec(title);
  return short ? `US${Number(short[1])}` : null;
}

function kindOf(title: string, story: string | null): PhaseKind {
  if (story) return "story";
  if (/\bfoundation(?:al)?\b|blocking prerequisites/i.test(title)) return "foundational";
  if (/\bsetup\b/i.test(title)) return "setup";
  if (/\bpolish\b|cross[- ]cutting/i.test(title)) return "polish";
  return "other";
}

function priorityOf(title: string): string | null {
  const m = /\bPriority\s*[:：]?\s*(P\d+)\b/i.exec(title) ?? /\((P\d+)\)/.exec(title);
  return m ? (m[1] as string).toUpperCase() : null;
}

/** Numeric comparison of phase numbers: "3.2" < "3.10"; null sorts last. */
export function comparePhaseNumbers(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * Phases in execution order: the document's order. (Numbers are not compared across heading
 * levels: "## Phase 1" holding "### Tier 0…3" runs before "## Phase 2".)
 */
export function phasesInOrder(phases: readonly Phase[]): Phase[] {
  return [...phases].sort((a, b) => a.line - b.line);
}

/**
 * Structural phase edges (blocked phase ← blocker phase), as the templates state them.
 * - Kiro and OpenSpec sections, spec-kitty work packages: none (their order implies nothing).
 * - xe, or a spec-kit list without user-story phases (old "Phase 3.1 … 3.5" layouts): every
 *   phase waits for the previous one.
 * - spec-kit with story phases: a story phase waits for the nearest earlier non-story phase
 *   (foundational, else setup, else other); stories don't wait for each other; polish waits for
 *   every story phase and for the phase right before it; setup, foundational and other phases
 *   wait for the previous phase (after a run of story phases: for the whole run).
 */
export function structuralPhaseEdges(phases: readonly Phase[]): DependencyEdge[] {
  const ordered = phasesInOrder(phases);
  const edges: DependencyEdge[] = [];
  const add = (blocked: Phase, blocker: Phase): void => {
    if (blocked === blocker) return;
    if (edges.some((e) => e.from === String(blocked.index) && e.to === String(blocker.index))) return;
    edges.push({ from: String(blocked.index), to: String(blocker.index), source: "structural", line: blocked.line });
  };
  const hasStories = ordered.some((p) => p.kind === "story");
  ordered.forEach((phase, i) => {
    if (i === 0 || phase.kind === "section") return;
    const previous = ordered[i - 1] as Phase;
    if (!hasStories || phase.kind === "step") {
      add(phase, previous);
      return;
    }
    if (phase.kind === "story") {
      for (let j = i - 1; j >= 0; j--) {
        const candidate = ordered[j] as Phase;
        if (candidate.kind !== "story" && candidate.kind !== "polish") {
          add(phase, candidate);
          break;
        }
      }
      return;
    }
    if (phase.kind === "polish") {
      for (const earlier of ordered.slice(0, i)) if (earlier.kind === "story") add(phase, earlier);
      add(phase, previous);
      return;
    }
    if (previous.kind === "story") {
      let first = i - 1;
      while (first > 0 && (ordered[first - 1] as Phase).kind === "story") first--;
      for (const story of ordered.slice(first, i)) add(phase, story);
      return;
    }
    add(phase, previous);
  });
  return edges;
}
