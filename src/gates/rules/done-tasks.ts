/**
 * When a task counts as done for the gates: ticked on the base branch, ticked in the PR's head,
 * or its issue closed as completed (write-back may not have ticked the file yet).
 */
import { taskKey } from "../../identity/marker.js";
import { isSettled } from "../../tasks/graph/readiness.js";
import type { FeatureDocs } from "../gate-model.js";

export class DoneTasks {
  private readonly ticked = new Set<string>();

  constructor(
    features: readonly FeatureDocs[],
    /** Task keys (`path#id`) whose issue is closed as completed. */
    private readonly doneIssues: ReadonlySet<string>,
  ) {
    for (const feature of features) {
      for (const doc of [feature.base, feature.head]) {
        // A dropped task (not planned) blocks nothing either.
        for (const task of doc?.tasks ?? []) if (isSettled(task)) this.ticked.add(taskKey(feature.path, task.id));
      }
    }
  }

  isDone(path: string, id: string): boolean {
    const key = taskKey(path, id);
    return this.ticked.has(key) || this.doneIssues.has(key);
  }
}
