/** Label operations: create what is missing, recolour what drifted. Pure. */
import type { DesiredLabel } from "../model/desired.js";
import type { Operation } from "../operations.js";
import type { ObservedLabel } from "../observe/observed.js";

export function planLabels(desired: DesiredLabel[], observed: Map<string, ObservedLabel>): Operation[] {
  const ops: Operation[] = [];
  for (const label of desired) {
    const have = observed.get(label.name.toLowerCase());
    if (!have) {
      ops.push({
        kind: "ensure-label",
        name: label.name,
        color: label.color,
        exists: false,
        reason: "label is missing",
      });
    } else if (have.color.toLowerCase() !== label.color.toLowerCase()) {
      ops.push({
        kind: "ensure-label",
        name: have.name,
        color: label.color,
        exists: true,
        reason: `colour is #${have.color}`,
      });
    }
  }
  return ops;
}
