/**
 * Which toolkit wrote a task list, from its path first and its content second:
 * spec-kit (specs/NNN-feature/tasks.md), xe (.xe/), Kiro (.kiro/specs/), OpenSpec
 * (openspec/changes/) and spec-kitty (kitty-specs/).
 */
import type { Dialect } from "../model.js";

const BY_PATH: [RegExp, Dialect][] = [
  [/(^|[\\/])\.xe[\\/]/, "xe"],
  [/(^|[\\/])\.kiro[\\/]/, "kiro"],
  [/(^|[\\/])openspec[\\/]/, "openspec"],
  [/(^|[\\/])kitty-specs[\\/]/, "spec-kitty"],
];

const XE_STEP = /^ {0,3}#{1,6}\s+Step\s+\d+/i;
const WORK_PACKAGE = /^ {0,3}#{1,6}\s+(?:Work\s+Package\s+)?WP\d+\b/i;
const NUMBERED_TASK = /^\s*[-*+]\s+\[.\]\*?\s+\d{1,4}\.(?:\d{1,4}(?:\.\d{1,4})*)?\*?\s/;
const NUMBERED_SECTION = /^ {0,3}##\s+\d{1,3}\.\s+\S/;
const T_TASK = /^\s*[-*+]\s+\[.\]\s+(?:\*\*|~~)?T\d/;

export function detectDialect(path: string, lines: readonly string[], frontmatter: Record<string, unknown>): Dialect {
  for (const [pattern, dialect] of BY_PATH) if (pattern.test(path)) return dialect;
  if (typeof frontmatter["id"] === "string" || typeof frontmatter["id"] === "number") return "xe";
  let numberedTasks = 0;
  let tTasks = 0;
  let sections = 0;
  for (const line of lines) {
    if (XE_STEP.test(line)) return "xe";
    if (WORK_PACKAGE.test(line)) return "spec-kitty";
    if (NUMBERED_TASK.test(line)) numberedTasks++;
    else if (T_TASK.test(line)) tTasks++;
    if (NUMBERED_SECTION.test(line)) sections++;
  }
  if (numberedTasks > tTasks) return sections > 0 ? "openspec" : "kiro";
  return "spec-kit";
}
