/** The message of a write-back commit: "Tick T003, T004 and untick T005 in specs/x/tasks.md". Pure. */

/** Ids named in the subject line before the rest are counted ("T001, …, T008 (+4 more)"). */
export const MAX_IDS_IN_SUBJECT = 8;

function idList(ids: readonly string[]): string {
  if (ids.length <= MAX_IDS_IN_SUBJECT) return ids.join(", ");
  return `${ids.slice(0, MAX_IDS_IN_SUBJECT).join(", ")} (+${ids.length - MAX_IDS_IN_SUBJECT} more)`;
}

/**
 * The commit message for ticking `ticked` and unticking `unticked` in the task list at `path`.
 * Ids are named in the order given. Throws when both lists are empty (no commit to describe).
 */
export function commitMessage(path: string, ticked: readonly string[], unticked: readonly string[]): string {
  const parts: string[] = [];
  if (ticked.length > 0) parts.push(`Tick ${idList(ticked)}`);
  if (unticked.length > 0) parts.push(`${parts.length > 0 ? "untick" : "Untick"} ${idList(unticked)}`);
  if (parts.length === 0) throw new Error("commitMessage: nothing ticked or unticked");
  return `${parts.join(" and ")} in ${path}`;
}
