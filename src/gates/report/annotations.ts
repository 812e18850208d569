/**
 * Check-run annotations (pure): each task-list error on its exact line, each blocked task and
 * each task missing evidence on its own line; sent in chunks of GitHub's per-request maximum.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import type { GateResult } from "../gate-model.js";
import { listSome } from "./fit-text.js";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string;
  message: string;
}

const NAMED = 10;

export function annotationsOf(results: readonly GateResult[], mode: TasksyncConfig["gates"]["mode"]): Annotation[] {
  const level = mode === "strict" ? "failure" : "warning";
  const at = (path: string, line: number, title: string, message: string): Annotation => ({
    path,
    start_line: line,
    end_line: line,
    annotation_level: level,
    title,
    message,
  });
  const out: Annotation[] = [];
  for (const result of results) {
    if (result.gate === "well-formed") {
      for (const p of result.problems) {
        if (p.code === "held-task") out.push(at(p.path, p.line, `${p.held?.[0] ?? "Task"} is held back`, p.message));
        else
          out.push(
            at(
              p.path,
              p.line,
              `Task list error (${p.code})`,
              `${p.message}${p.held?.length ? ` (holds back ${listSome(p.held, NAMED)})` : ""}`,
            ),
          );
      }
    } else if (result.gate === "dependencies") {
      for (const b of result.blocked) {
        const waits = [
          ...(b.tasks.length > 0
            ? [
                listSome(
                  b.tasks.map((t) => t.id),
                  NAMED,
                ),
              ]
            : []),
          ...b.phases.map(
            (p) =>
              `${p.label} (open: ${listSome(
                p.open.map((t) => t.id),
                NAMED,
              )})`,
          ),
        ];
        out.push(at(b.path, b.line, `${b.taskId} is blocked`, `${b.taskId} waits for ${waits.join("; ")}`));
      }
    } else {
      for (const m of result.missing) {
        out.push(
          at(
            m.path,
            m.line,
            `${m.taskId} needs evidence`,
            `Quote in the pull request description: ${m.commands.join(", ")}`,
          ),
        );
      }
    }
  }
  return out;
}

/** Items in chunks of `size` (GitHub's annotations per request by default). */
export function chunked<T>(items: readonly T[], size: number = GITHUB_LIMITS.annotationsPerRequest): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
