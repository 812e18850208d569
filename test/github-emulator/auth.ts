/** Turning an Authorization header into an actor, and deciding what that actor may do. */
import { HttpError } from "./errors.js";
import type { Route } from "./router.js";
import type { Actor, RepoRecord } from "./store/records.js";
import type { State } from "./store/state.js";

function looksLikeJwt(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as { alg?: unknown };
    return typeof header.alg === "string";
  } catch {
    return false;
  }
}

export function authenticate(state: State, header: string | undefined, strictTokens: boolean): Actor {
  if (!header) return { kind: "anonymous" };
  const m = /^(token|bearer|basic)\s+(.+)$/i.exec(header.trim());
  if (!m) throw new HttpError(401, "Bad credentials");
  const scheme = m[1]!.toLowerCase();
  const token = m[2]!.trim();
  if (scheme === "bearer" && looksLikeJwt(token)) return { kind: "app" };
  const inst = state.installationTokens.get(token);
  if (inst) {
    const installation = state.installations.get(inst.installationId);
    if (!installation || inst.expiresAt <= state.now().getTime()) throw new HttpError(401, "Bad credentials");
    return { kind: "installation", installation, user: state.botUser };
  }
  const login = state.userTokens.get(token);
  if (login) return { kind: "user", user: state.user(login) };
  if (strictTokens || token.startsWith("ghs_")) throw new HttpError(401, "Bad credentials");
  return { kind: "user", user: state.defaultUser };
}

const LEVEL: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** throws the answer GitHub gives when the actor may not call this route on this repository */
export function authorize(route: Route, method: string, actor: Actor, repo: RepoRecord | undefined): void {
  if (route.auth === "app") {
    if (actor.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
    return;
  }
  if (actor.kind === "app") throw new HttpError(403, "Resource not accessible by integration");
  if (route.auth === "installation") {
    if (actor.kind !== "installation") throw new HttpError(403, "Resource not accessible by integration");
    return;
  }
  if (actor.kind === "anonymous") {
    if (method !== "GET" || !repo || repo.private) throw new HttpError(401, "Requires authentication");
    return;
  }
  if (actor.kind === "installation" && repo) {
    if (!actor.installation.repoIds.has(repo.id)) throw new HttpError(404, "Not Found");
    if (route.permission && route.permission !== "metadata") {
      const have = LEVEL[actor.installation.permissions[route.permission] ?? ""] ?? 0;
      const need = method === "GET" ? 1 : 2;
      if (have < need) throw new HttpError(403, "Resource not accessible by integration");
    }
  }
}
