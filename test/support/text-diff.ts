/** Where two texts differ, for tests that check an edit changed exactly the characters it meant to. */

/**
 * The offsets at which `a` and `b` differ: UTF-16 code units of the strings by default
 * (string indexes), or bytes of their UTF-8 encodings with `"utf8"` (what a commit stores).
 * A length difference counts every offset past the shorter text.
 */
export function diffOffsets(a: string, b: string, unit: "utf16" | "utf8" = "utf16"): number[] {
  const x: ArrayLike<unknown> = unit === "utf8" ? Buffer.from(a, "utf8") : a;
  const y: ArrayLike<unknown> = unit === "utf8" ? Buffer.from(b, "utf8") : b;
  const out: number[] = [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) out.push(i);
  return out;
}
