/** What the demo prints about the ready queue (pure): which task issues carry the `ready` label. */
import { parseMarker } from "../src/identity/marker.js";

export interface LabelledIssue {
  number: number;
  body: string | null;
  labels: string[];
  is_pull_request: boolean;
}

/** "#12 T006" for every task issue of `path` carrying `label`, by issue number. */
export function readyIssues(issues: readonly LabelledIssue[], path: string, label = "ready"): string[] {
  return issues
    .filter((i) => !i.is_pull_request && i.labels.includes(label))
    .sort((a, b) => a.number - b.number)
    .flatMap((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "task" && m.path === path ? [`#${i.number} ${m.id}`] : [];
    });
}

/** The lines that show the label moving: what carried it before, and after (new ones marked). */
export function readyMoveLines(before: readonly string[], after: readonly string[]): string[] {
  const gained = after.filter((x) => !before.includes(x));
  const lost = before.filter((x) => !after.includes(x));
  return [
    `    before: ${before.join(", ") || "(none)"}`,
    `    after:  ${after.map((x) => (gained.includes(x) ? `${x} (+ready)` : x)).join(", ") || "(none)"}`,
    ...(lost.length > 0 ? [`    lost it: ${lost.join(", ")} (closed)`] : []),
  ];
}
