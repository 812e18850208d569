/** File paths named in backticks: `src/app.ts`, `.env.example`, `crates/x/src/lib.rs`, `R:\dir`. */

const CODE_SPAN = /`([^`\n]+)`/g;
const EXTENSION = /\.[a-z][a-z0-9]{0,7}$/;

export function looksLikePath(value: string): boolean {
  if (value.length > 260 || /\s/.test(value) || value.includes("://")) return false;
  if (/[()*?<>|"'=;,{}$]/.test(value) || value.startsWith("-")) return false;
  if (value.includes("/") || value.includes("\\")) return /[A-Za-z0-9]/.test(value);
  return EXTENSION.test(value) && !/^\d/.test(value);
}

/** Backticked paths in `texts`, de-duplicated, in order of appearance. */
export function filePathsIn(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) {
    if (!text.includes("`")) continue;
    CODE_SPAN.lastIndex = 0;
    for (let m = CODE_SPAN.exec(text); m !== null; m = CODE_SPAN.exec(text)) {
      const value = (m[1] as string).trim();
      if (looksLikePath(value)) seen.add(value);
    }
  }
  return [...seen];
}
