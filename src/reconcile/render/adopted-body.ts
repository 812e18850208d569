/**
 * The body of an issue tasksync adopted: the person's text exactly as they wrote it, then
 * tasksync's own section (its render of the task, ending in the marker) below a fixed line.
 * Later renders replace only what follows that line; releasing the issue (`tasksync unlink`)
 * takes it off again and leaves the person's text as it was.
 */
import { GITHUB_LIMITS } from "../../github/limits.js";
import { fitBody } from "./fit-body.js";

/** The line that opens tasksync's section in an adopted issue. */
export const ADOPTED_SECTION = "<!-- tasksync:adopted (tasksync writes below this line; the text above is yours) -->";

const SEPARATOR = `\n\n${ADOPTED_SECTION}\n`;

/** The person's part of an adopted issue's body (the whole body when it has no section of tasksync's). */
export function personText(body: string): string {
  const at = body.indexOf(SEPARATOR);
  if (at >= 0) return body.slice(0, at);
  return body.startsWith(`${ADOPTED_SECTION}\n`) ? "" : body;
}

/**
 * The person's text with tasksync's section below it. To fit GitHub's limit only the section
 * is cut (keeping its marker, see {@link fitBody}); a person's text too long to leave room for
 * a section is not adopted (see {@link hasRoomForSection}).
 */
export function adoptedBody(person: string, section: string): string {
  const head = person === "" ? `${ADOPTED_SECTION}\n` : `${person}${SEPARATOR}`;
  return head + fitBody(section, GITHUB_LIMITS.maxTextLength - head.length);
}

/** Room a section needs at least: its marker and a line saying it was cut. */
const SECTION_ROOM = 1_000;

export function hasRoomForSection(person: string): boolean {
  return person.length + SEPARATOR.length + SECTION_ROOM <= GITHUB_LIMITS.maxTextLength;
}
