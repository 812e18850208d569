/** Loads the hand-written task-list fixtures in test/fixtures/tasks. */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_DIR = fileURLToPath(new URL("../../fixtures/tasks/", import.meta.url));

export function fixture(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}`, "utf8");
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort();
}

export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}
