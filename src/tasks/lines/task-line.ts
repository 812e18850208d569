/**
 * Reads one list-item line: its bullet, checkbox marker, task id, leading bracket tags and
 * description. Knows nothing about phases or other lines.
 */
import type { CheckboxMarker, TaskStatus } from "../model.js";
import { readAssignees } from "./assignee-tokens.js";

export interface ListItemLine {
  /** Column of the bullet ("-", "*", "+", "1.") in the line. */
  indent: number;
  /** Column where the item's content starts (after the bullet and one space). */
  contentColumn: number;
  /** Column of the checkbox marker character, or -1 when the item has no checkbox. */
  markerColumn: number;
  marker: CheckboxMarker;
  /** The item text after the bullet and checkbox. */
  content: string;
  /** Kiro's optional-task star right after the checkbox: "- [ ]* 2.3". */
  optional: boolean;
}

export interface TaskHead {
  id: string;
  parallel: boolean;
  story: string | null;
  tags: string[];
  /** `@login` tokens right after the tags ("[US1] @alice Add the form"), without the "@". */
  assignees: string[];
  description: string;
  /** True when the id was written in bold ("**T001**"). */
  boldId: boolean;
  /** The id was struck through ("~~T004~~"). */
  struck?: boolean;
  /** "T040-T044": the last id of a range the item names (each id in it is a task). */
  rangeTo?: string;
  /** "T056+T057": the other ids one checkbox names; each is a task, and the box is ticked when all are done. */
  alsoIds?: string[];
  /** A numbered id ("1.1") rather than a T-id. */
  numbered?: boolean;
  /** Kiro's optional marker: "2.3*" (or "- [ ]* 2.3", read by readListItem). */
  optional?: boolean;
}

/** Markers: " ", x/X, ~, -, /, or any other single non-alphanumeric character ("[P]" is a tag). */
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(\s+)(?:\[([xX]|[^A-Za-z0-9\]])\](\*)?(?=\s|$)\s*)?(.*)$/;

/** A list item line, with or without a checkbox; null when the line is not a list item. */
export function readListItem(text: string): ListItemLine | null {
  const m = LIST_ITEM.exec(text);
  if (!m) return null;
  const lead = m[1] as string;
  const bullet = m[2] as string;
  const gap = m[3] as string;
  const indent = lead.replace(/\t/g, "    ").length;
  const contentColumn = lead.length + bullet.length + gap.length;
  if (m[4] === undefined) {
    return { indent, contentColumn, markerColumn: -1, marker: "", content: m[6] ?? "", optional: false };
  }
  return {
    indent,
    contentColumn,
    markerColumn: contentColumn + 1,
    marker: m[4],
    content: m[6] ?? "",
    optional: m[5] !== undefined,
  };
}

/** Task ids as real lists write them: T001, T001a, T021B, T050-alt, TASK-007, T-014. */
export const TASK_ID = "(?:TASK-\\d+|T-\\d+|T\\d+(?:[a-zA-Z](?![a-zA-Z]))?(?:-[a-z][a-z0-9]*)?)";
const TASK_HEAD = new RegExp(
  `^(\\*\\*|~~)?(${TASK_ID})((?:[ \\t]*[+&/,][ \\t]*${TASK_ID})*)((?:[ \\t]*\\[[^\\]\\n]*\\])*)(?:[ \\t]*[-–—][ \\t]*(${TASK_ID}))?(?::?(?:\\*\\*|~~))?(?=[\\s:.]|$)[:.]?\\s*`,
);
const ALSO_ID = new RegExp(TASK_ID, "g");
/** "[API-003] text", "[T001] text": a bracketed id, with a prefix of capitals or a T-id. */
const BRACKET_HEAD = /^\[([A-Z][A-Z0-9]{1,9}-\d+|T\d{1,5}[a-z]?)\](?=\s|$)\s*/;
/** Kiro / OpenSpec numbered ids: "1." (written with a dot), "1.1", "2.3.1", optional "2.3*". */
const NUMBERED_HEAD = /^(\d{1,4}(?:\.\d{1,4})*)(\.)?(\*)?(?=\s|$)\s*/;
const SEPARATOR = /^(?:[-–—:]\s+|[-–—:]$)/;
const TAG = /^\[([^\]\n]*)\]\s*/;
const STORY_TAG = /^US\d+$/i;

export interface HeadOptions {
  /** Accept numbered ids ("1.", "1.1"): only on checkbox items and task headings. */
  numbered?: boolean;
}

/** The id, tags and description at the start of an item's content; null when it has no id. */
export function readTaskHead(content: string, options: HeadOptions = {}): TaskHead | null {
  const numbered = options.numbered ? NUMBERED_HEAD.exec(content) : null;
  if (numbered && (numbered[2] !== undefined || numbered[1]?.includes("."))) {
    return withTags(numbered[1] as string, content.slice(numbered[0].length), {
      numbered: true,
      ...(numbered[3] !== undefined ? { optional: true } : {}),
    });
  }
  const bracket = BRACKET_HEAD.exec(content);
  if (bracket) return withTags(bracket[1] as string, content.slice(bracket[0].length), {});
  const m = TASK_HEAD.exec(content);
  if (!m) return null;
  const wrap = m[1];
  if (wrap !== undefined && !m[0].includes(wrap, 2)) return null; // "**T001 text" is not a bold id
  const rest = `${m[4] ?? ""} ${content.slice(m[0].length)}`.trimStart();
  const also = m[3] ? (m[3].match(ALSO_ID) ?? []).filter((id) => id !== m[2]) : [];
  return withTags(m[2] as string, rest, {
    boldId: wrap === "**",
    ...(wrap === "~~" ? { struck: true } : {}),
    ...(m[5] !== undefined && also.length === 0 ? { rangeTo: m[5] } : {}),
    ...(also.length > 0 ? { alsoIds: [...new Set(also)] } : {}),
  });
}

function withTags(id: string, text: string, extra: Partial<TaskHead>): TaskHead {
  let rest = text.replace(SEPARATOR, "");
  let parallel = false;
  let story: string | null = null;
  const tags: string[] = [];
  for (let t = TAG.exec(rest); t !== null; t = TAG.exec(rest)) {
    const tag = (t[1] as string).trim();
    if (/^p$/i.test(tag)) parallel = true;
    else if (STORY_TAG.test(tag) && story === null) story = tag.toUpperCase();
    else tags.push(tag);
    rest = rest.slice(t[0].length).replace(SEPARATOR, "");
  }
  const { logins, rest: described } = readAssignees(rest);
  return { id, parallel, story, tags, assignees: logins, description: described.trim(), boldId: false, ...extra };
}

/**
 * A task's status from its marker and its words. Ticked: done. Blank: open. "/" is in progress.
 * "~" and "-" mean "not doing this as planned": dropped (not planned) unless the line says the
 * work is partly done, deferred or blocked (then in progress); Kiro writes "-" for a task in
 * progress (`kiroDash`). Any marker with a struck-through id or title plus a drop word
 * ("~~T004~~ NOT NEEDED", "~~Configure X~~ REMOVED") is dropped; the tick still says checked.
 */
export function statusOf(
  marker: CheckboxMarker,
  text = "",
  kiroDash = false,
): { checked: boolean; status: TaskStatus } {
  const checked = marker === "x" || marker === "X";
  if (text.includes("~~") && DROP_WORDS.test(text)) return { checked, status: "dropped" };
  switch (marker) {
    case "x":
    case "X":
      return { checked: true, status: "done" };
    case " ":
    case "":
      return { checked: false, status: "open" };
    case "/":
      return { checked: false, status: "in-progress" };
    case "-":
      if (kiroDash) return { checked: false, status: "in-progress" };
      return { checked: false, status: PARTLY_WORDS.test(text) && !DROP_WORDS.test(text) ? "in-progress" : "dropped" };
    case "~":
      return { checked: false, status: PARTLY_WORDS.test(text) && !DROP_WORDS.test(text) ? "in-progress" : "dropped" };
    default:
      return { checked: false, status: "other" };
  }
}

const DROP_WORDS =
  /\b(?:dropped|superseded|skipped|cancell?ed|removed|obsolete|not\s+needed|won'?t\s+do|abandoned|reverted|descartad[oa]|cancelad[oa]|annul[ée]e?|entfällt|verworfen)\b|НЕ\s+ТРЕБУЕТСЯ|не\s+нужн|отмен[её]н|откат|不需要|取消|废弃|放弃|跳过|中止|不要/iu;
const PARTLY_WORDS =
  /\b(?:partial(?:ly)?|partly|deferred|blocked|in\s+progress|wip|pending|human-gated)\b|部分|进行中|進行中|частично|в\s+процессе|parcial/iu;

/** The indentation width of a line (tabs count as 4). */
export function indentOf(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === " ") n++;
    else if (ch === "\t") n += 4;
    else break;
  }
  return n;
}
