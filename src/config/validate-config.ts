/** Turns raw config (parsed YAML) into a TasksyncConfig, or messages naming the key at fault. */
import { configSchema, type TasksyncConfig } from "./schema.js";

export type ConfigResult = { ok: true; config: TasksyncConfig } | { ok: false; errors: string[] };

export function validateConfig(raw: unknown): ConfigResult {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, config: result.data };
  const errors = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    if (issue.code === "unrecognized_keys") {
      const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      return `${where}unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}`;
    }
    return `${key}: ${issue.message}`;
  });
  return { ok: false, errors };
}
