/** YAML frontmatter of a task list: tolerant of a blank first line and of invalid YAML. */
import { parse as parseYaml } from "yaml";

/** Parses a frontmatter body; anything but a YAML mapping (or a parse error) gives {}. */
export function parseFrontmatter(body: string | null | undefined): Record<string, unknown> {
  if (body === null || body === undefined || body.trim() === "") return {};
  try {
    const value: unknown = parseYaml(body, { prettyErrors: false });
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return {};
  } catch {
    return {};
  }
}
