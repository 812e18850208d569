/**
 * Gate 2, well-formed (pure): every task list the PR changes parses without errors (duplicate
 * ids, unknown ids, cycles), each error naming the tasks it holds back from the sync; and no task
 * the PR completes (ticks, or closes the issue of) is held back by an error in its list (changed
 * by the PR or not), since its issue is left as it is until the error is fixed: completing it
 * cannot pass as if it were fine. A held task only named in the title or branch is not completed.
 * A list that could not be parsed at all is an error on line 1.
 */
import { heldTasks } from "../../reconcile/plan/held-tasks.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { FeatureDocs, GateResult, ListProblem, WorkedTask } from "../gate-model.js";

/** The problem of a worked task an error holds back, or null when it is not held. */
function heldWork(doc: TaskDocument, path: string, id: string): ListProblem | null {
  const held = heldTasks(doc);
  const task = doc.tasks.find((t) => t.id === id);
  if (!task || (!held.whole && !held.tasks.has(id))) return null;
  const errors = held.tasks.get(id)?.errors ?? doc.diagnostics.filter((d) => d.severity === "error");
  const why = errors.map((e) => `line ${e.line}: ${e.message}`).join("; ");
  return {
    path,
    line: task.line,
    code: "held-task",
    message: `${id} is held back by an error in its task list (${why}): its issue is left as it is until that is fixed, so completing it here does not sync`,
    held: [id],
  };
}

export function wellFormedGate(
  features: readonly FeatureDocs[],
  worked: readonly WorkedTask[] = [],
): Extract<GateResult, { gate: "well-formed" }> {
  const problems: ListProblem[] = [];
  for (const feature of features) {
    if (!feature.changed) continue;
    if (feature.headError !== undefined) {
      problems.push({
        path: feature.path,
        line: 1,
        code: "unparsable",
        message: `the task list could not be parsed: ${feature.headError}`,
      });
      continue;
    }
    const head = feature.head;
    if (!head) continue;
    const held = heldTasks(head);
    for (const d of head.diagnostics) {
      if (d.severity !== "error") continue;
      const ids = held.whole
        ? head.tasks.map((t) => t.id)
        : [...held.tasks.values()].filter((t) => t.errors.includes(d)).map((t) => t.id);
      problems.push({ path: feature.path, line: d.line, code: d.code, message: d.message, held: ids });
    }
  }
  for (const work of worked) {
    if (!work.reasons.some((r) => r === "ticks" || r === "closes")) continue;
    const head = features.find((f) => f.path === work.path)?.head;
    const problem = head ? heldWork(head, work.path, work.id) : null;
    if (problem) problems.push(problem);
  }
  return { gate: "well-formed", passed: problems.length === 0, problems };
}
