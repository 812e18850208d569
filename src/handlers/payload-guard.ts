/**
 * A signed webhook whose payload lacks what a handler reads is answered 400 with the missing
 * fields named, not a 500 with a TypeError. (@octokit/webhooks answers with a thrown error's
 * `status`.) Nothing is queued for it.
 */

export class MalformedPayload extends Error {
  readonly status = 400;
  override readonly name = "MalformedPayload";
}

function valueAt(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Throws MalformedPayload naming each of `paths` (dotted) that is missing or null in the payload. */
export function requireFields(event: string, payload: unknown, paths: readonly string[]): void {
  const missing = paths.filter((path) => valueAt(payload, path) === undefined || valueAt(payload, path) === null);
  if (missing.length > 0) throw new MalformedPayload(`the ${event} payload has no ${missing.join(", ")}`);
}
