/**
 * Verification commands a task names in backticks ("Run (`pytest backend/tests/`, `npm run
 * build`)"), and whether a PR body quotes them in code (inline backticks or a fenced block).
 */
import type { Task } from "../../tasks/model.js";

/** Programs whose name alone makes a backticked span a command (`make`, `pytest`). */
export const COMMAND_RUNNERS: ReadonlySet<string> = new Set([
  "npm",
  "npx",
  "pnpm",
  "yarn",
  "bun",
  "bunx",
  "node",
  "deno",
  "tsc",
  "jest",
  "vitest",
  "pytest",
  "python",
  "python3",
  "uv",
  "uvx",
  "pip",
  "poetry",
  "tox",
  "ruff",
  "mypy",
  "go",
  "cargo",
  "make",
  "just",
  "dotnet",
  "mvn",
  "gradle",
  "./gradlew",
  "./mvnw",
  "bundle",
  "rake",
  "rspec",
  "php",
  "composer",
  "mix",
  "swift",
  "flutter",
  "dart",
  "docker",
  "bash",
  "sh",
]);

const CODE_SPAN = /`([^`\n]+)`/g;

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

export function looksLikeCommand(span: string): boolean {
  const text = normalize(span);
  if (text === "") return false;
  const first = text.split(" ")[0] as string;
  return COMMAND_RUNNERS.has(first) || (text.includes(" ") && /^[\w./-]+$/.test(first));
}

/** The commands in a task's description and details, in order, without repeats. */
export function commandsOf(task: Pick<Task, "description" | "details" | "files">): string[] {
  const out: string[] = [];
  for (const text of [task.description, ...task.details]) {
    CODE_SPAN.lastIndex = 0;
    for (let m = CODE_SPAN.exec(text); m !== null; m = CODE_SPAN.exec(text)) {
      const span = normalize(m[1] as string);
      if (task.files.includes(span) || !looksLikeCommand(span) || out.includes(span)) continue;
      out.push(span);
    }
  }
  return out;
}

/** The code in a Markdown body: fenced blocks and inline code spans, whitespace-normalized. */
export function codeIn(body: string): string[] {
  const chunks: string[] = [];
  const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
  const withoutFences = body.replace(FENCE, (_all, _fence: string, content: string) => {
    chunks.push(
      ...content
        .split(/\r?\n/)
        .map(normalize)
        .filter((l) => l !== ""),
    );
    return "\n";
  });
  const INLINE = /(`+)([^`][\s\S]*?)\1(?!`)/g;
  for (const m of withoutFences.matchAll(INLINE)) chunks.push(normalize(m[2] as string));
  return chunks;
}

/** The commands not quoted as code in the body. */
export function missingCommands(commands: readonly string[], body: string): string[] {
  const code = codeIn(body);
  return commands.filter((command) => !code.some((chunk) => chunk.includes(command)));
}
