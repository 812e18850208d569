/** A small line diff producing GitHub-style unified patches (hunks with 3 lines of context). */

export interface Patch {
  patch: string;
  additions: number;
  deletions: number;
}

const MAX_CELLS = 4_000_000;

function lines(text: string): string[] {
  if (text === "") return [];
  const l = text.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

export function unifiedPatch(before: string, after: string): Patch | undefined {
  const a = lines(before);
  const b = lines(after);
  if (a.length * b.length > MAX_CELLS) return undefined;
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i:] and b[j:]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", text: a[i++]!, a: i, b: ++j });
    else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ kind: "-", text: a[i++]!, a: i, b: j });
    else ops.push({ kind: "+", text: b[j++]!, a: i, b: j });
  }
  const additions = ops.filter((o) => o.kind === "+").length;
  const deletions = ops.filter((o) => o.kind === "-").length;
  if (additions + deletions === 0) return { patch: "", additions, deletions };
  // group changes into hunks with 3 lines of context
  const hunks: string[] = [];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === " ") k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - 3);
    let end = k;
    let lastChange = k;
    while (end < ops.length && end - lastChange <= 6) {
      if (ops[end]!.kind !== " ") lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + 4);
    const slice = ops.slice(start, end);
    // line numbers: count lines of a and b before the hunk
    let aStart = 1;
    let bStart = 1;
    for (let x = 0; x < start; x++) {
      if (ops[x]!.kind !== "+") aStart++;
      if (ops[x]!.kind !== "-") bStart++;
    }
    const aLen = slice.filter((o) => o.kind !== "+").length;
    const bLen = slice.filter((o) => o.kind !== "-").length;
    hunks.push(
      `@@ -${aLen === 0 ? aStart - 1 : aStart},${aLen} +${bLen === 0 ? bStart - 1 : bStart},${bLen} @@\n` +
        slice.map((o) => `${o.kind}${o.text}`).join("\n"),
    );
    k = end;
    start = end;
  }
  return { patch: hunks.join("\n"), additions, deletions };
}
