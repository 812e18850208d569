/**
 * One line for a request that failed: "cannot reach http://…: connection refused" when nothing
 * answered (Octokit reports those as a 500 "with id UNKNOWN"), GitHub's own answer otherwise.
 */
import { messageOf, statusOf } from "../github/client.js";

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be resolved",
  ETIMEDOUT: "the connection timed out",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "the host is unreachable",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate could not be verified",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
};

/** The network error code somewhere in an error's `cause` chain. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code in NETWORK_ERRORS) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function requestUrl(error: unknown): string | undefined {
  const url = (error as { request?: { url?: unknown } } | null)?.request?.url;
  return typeof url === "string" ? url : undefined;
}

export function describeFailure(error: unknown, fallbackUrl?: string): string {
  const code = networkCode(error);
  const url = requestUrl(error) ?? fallbackUrl;
  if (code) {
    const where = url ? new URL(url).origin : "GitHub";
    return `cannot reach ${where}: ${NETWORK_ERRORS[code]}`;
  }
  const status = statusOf(error);
  if (status !== undefined) {
    const method = (error as { request?: { method?: string } }).request?.method ?? "";
    return `GitHub answered ${status} (${messageOf(error)})${url ? ` to ${method} ${url}`.replace("  ", " ") : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}
