/**
 * A task's text, normalized, and its short hash: how an issue follows its task when ids shift.
 * Task ids inside the text ("depends on T004") are normalized away too, since a regenerated
 * list renumbers them along with the tasks.
 */
import { createHash } from "node:crypto";

export function normalizeDescription(description: string): string {
  return description
    .normalize("NFC")
    .replace(/[`*_~]/g, "")
    .replace(/\bT\d+[a-z]?\b/g, "T#")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export function textHash(description: string): string {
  return createHash("sha1").update(normalizeDescription(description)).digest("hex").slice(0, 12);
}
