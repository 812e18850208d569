/**
 * `npm run emulator -- --seed demo/`: a repository on the emulator holding the task lists found
 * in a folder (or one file), each at `specs/NNN-<feature>/tasks.md`, and the lines to paste to
 * try the CLI against it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Emulator } from "./emulator.js";

/** The task lists under `from`: `from` itself when it is a file, else every tasks.md below it. */
function taskListFiles(from: string): string[] {
  if (statSync(from).isFile()) return [from];
  const found: string[] = [];
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(from, entry.name);
    if (entry.isDirectory()) found.push(...taskListFiles(path));
    else if (entry.name === "tasks.md") found.push(path);
  }
  return found.sort();
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "feature"
  );
}

/** Where a seeded list goes in the repository: its `# Tasks: <feature>` title names the folder. */
export function seededPath(text: string, index: number, file: string): string {
  const title = /^#\s+Tasks:\s*(.+)$/m.exec(text)?.[1] ?? basename(file, ".md");
  return `specs/${String(index + 1).padStart(3, "0")}-${slug(title)}/tasks.md`;
}

export interface Seeded {
  owner: string;
  repo: string;
  token: string;
  paths: string[];
}

export function seedRepository(emulator: Emulator, from: string, fullName = "octo/demo"): Seeded {
  const [owner = "octo", repo = "demo"] = fullName.split("/");
  const files: Record<string, string> = {};
  const lists = taskListFiles(from);
  if (lists.length === 0) throw new Error(`no tasks.md in ${from}`);
  lists.forEach((file, index) => {
    const text = readFileSync(file, "utf8");
    files[seededPath(text, index, file)] = text;
  });
  emulator.createRepo({ owner, name: repo, files: { "README.md": `# ${repo}\n`, ...files } });
  return { owner, repo, token: emulator.userToken(owner), paths: Object.keys(files) };
}

/** What to paste: the environment, then plan and sync. */
export function pasteLines(url: string, seeded: Seeded): string[] {
  const repo = `${seeded.owner}/${seeded.repo}`;
  return [
    `export GITHUB_API_URL=${url} GITHUB_TOKEN=${seeded.token} TASKSYNC_WRITE_PAUSE_MS=0`,
    `npx tasksync plan --repo ${repo}`,
    `npx tasksync sync --repo ${repo}`,
  ];
}
