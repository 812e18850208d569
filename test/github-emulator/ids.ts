/** Identifiers shaped like GitHub's: database ids, node ids, shas, delivery guids. */
import { createHash, randomUUID } from "node:crypto";

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`${prefix}:${id}`).toString("base64url")}`;
}

export function sha1(data: Buffer | string): string {
  return createHash("sha1").update(data).digest("hex");
}

export const ZERO_SHA = "0000000000000000000000000000000000000000";

export function guid(): string {
  return randomUUID();
}

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
