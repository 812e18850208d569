/**
 * Every issue body tasksync writes fits GitHub's limit (65,535 characters), whatever it carries:
 * a longer body is cut, says so, and keeps its marker at the end. Pure.
 */
import { GITHUB_LIMITS } from "../../github/limits.js";
import { MARKER_PREFIX } from "../../identity/marker.js";

const NOTE = "\n\n… (truncated to GitHub's size limit)\n";

export function fitBody(body: string, limit: number = GITHUB_LIMITS.maxTextLength): string {
  if (body.length <= limit) return body;
  const at = body.lastIndexOf(MARKER_PREFIX);
  const marker = at >= 0 ? body.slice(at) : "";
  let head = body.slice(0, Math.max(0, limit - marker.length - NOTE.length));
  // never leave half of a surrogate pair at the cut
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return head + NOTE + marker;
}
