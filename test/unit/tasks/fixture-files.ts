/** Loads the hand-written task-list fixtures in test/fixtures/tasks. */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Task, TaskDocument } from "../../../src/tasks/model.js";

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

/** The task with that id in a parsed document; throws when there is none. */
export function task(doc: TaskDocument, id: string): Task {
  const found = doc.tasks.find((t) => t.id === id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
}
