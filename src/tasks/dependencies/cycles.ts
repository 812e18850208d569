/** Dependency cycles: strongly connected components of the blocked → blocker graph. */

/**
 * Each cycle as its ids, in a cycle order starting from the smallest node index (document
 * order). Self-loops count as cycles of one.
 */
export function findCycles(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const order = new Map(nodes.map((n, i) => [n, i]));
  const cycles: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!order.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (edges.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) cycles.push(cycleOrder(component, edges, order));
      }
    }
  }
  return cycles.sort((a, b) => (order.get(a[0] as string) ?? 0) - (order.get(b[0] as string) ?? 0));
}

/** Orders a component as a walk along its edges, starting from its first node in the document. */
function cycleOrder(
  component: string[],
  edges: ReadonlyMap<string, readonly string[]>,
  order: Map<string, number>,
): string[] {
  const members = new Set(component);
  const start = [...component].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0] as string;
  const path = [start];
  const visited = new Set(path);
  let current = start;
  for (;;) {
    const next = (edges.get(current) ?? []).find((t) => members.has(t) && !visited.has(t));
    if (next === undefined) break;
    path.push(next);
    visited.add(next);
    current = next;
  }
  for (const m of component) if (!visited.has(m)) path.push(m);
  return path;
}
