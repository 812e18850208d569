/**
 * Why GitHub refused a file write, from its answer: a stale blob sha (someone wrote first), a
 * protected branch or ruleset, or a permission the installation lacks. Pure.
 */
import { messageOf, statusOf } from "../../../github/client.js";

export type WriteRefusal = "stale" | "protected" | "no-permission";

const PROTECTED = /protected branch|rule violation|repository rule|changes must be made through a pull request/i;
const NO_PERMISSION = /resource not accessible by integration|must have push access|permission/i;

/** The kind of refusal, or null for an answer tasksync does not handle (it propagates). */
export function writeRefusal(error: unknown): WriteRefusal | null {
  const status = statusOf(error);
  if (status !== 403 && status !== 409 && status !== 422) return null;
  const message = messageOf(error);
  if (PROTECTED.test(message)) return "protected";
  if (status === 409) return "stale";
  if (status === 403 && NO_PERMISSION.test(message)) return "no-permission";
  return null;
}

/** The installation permissions write-back needs: committing, and the pull-request fallback. */
export const NEEDED_PERMISSION = { contents: "contents: write", pulls: "pull_requests: write" } as const;
