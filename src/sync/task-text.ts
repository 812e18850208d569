/** A task's text, normalized, and its short hash: how an issue follows its task when ids shift. */
import { createHash } from "node:crypto";

export function normalizeDescription(description: string): string {
  return description
    .normalize("NFC")
    .replace(/[`*_~]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export function textHash(description: string): string {
  return createHash("sha1").update(normalizeDescription(description)).digest("hex").slice(0, 12);
}
