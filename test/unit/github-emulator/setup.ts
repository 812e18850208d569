/** Shared setup for the emulator's own tests: a repository, an installation and a plain Octokit. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../github-emulator/index.js";

export const OWNER = "acme";

/** Octokit logs failed requests with console.error; the tests provoke many on purpose */
export const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
export const REPO = "widgets";

export interface World {
  em: Emulator;
  /** authenticated as the app's installation (the bot) */
  app: Octokit;
  /** authenticated as a person with a personal token */
  person: Octokit;
  installationId: number;
}

export async function world(
  options: EmulatorOptions & { files?: Record<string, string>; permissions?: Record<string, "read" | "write"> } = {},
): Promise<World> {
  const { files, permissions, ...emOptions } = options;
  const em = await startEmulator({ onUnmatched: () => {}, ...emOptions });
  em.createRepo({ owner: OWNER, name: REPO, files: files ?? { "README.md": "# widgets\n" } });
  const { id } = em.install({ account: OWNER, repos: [REPO], ...(permissions ? { permissions } : {}) });
  const app = new Octokit({ baseUrl: em.url, auth: em.installationToken(id), log: quiet });
  const person = new Octokit({ baseUrl: em.url, auth: em.userToken("mona"), log: quiet });
  return { em, app, person, installationId: id };
}

/** the status of a failed Octokit call (throws if it did not fail) */
export async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    return (e as { status: number }).status;
  }
  throw new Error("expected the request to fail");
}

/** the error (status, body, headers) of a failed Octokit call */
export async function errorOf(
  p: Promise<unknown>,
): Promise<{ status: number; data: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; response?: { data: Record<string, unknown>; headers: Record<string, string> } };
    return { status: err.status, data: err.response?.data ?? {}, headers: err.response?.headers ?? {} };
  }
  throw new Error("expected the request to fail");
}

export const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
export const unb64 = (s: string): string => Buffer.from(s, "base64").toString("utf8");

/** a recorded response body from @octokit/fixtures */
export function fixture(scenario: string, index: number): unknown {
  const path = join(
    process.cwd(),
    "node_modules/@octokit/fixtures/scenarios/api.github.com",
    scenario,
    "normalized-fixture.json",
  );
  const all = JSON.parse(readFileSync(path, "utf8")) as { response: unknown }[];
  return all[index]?.response;
}

/** a real webhook payload from @octokit/webhooks-examples */
export function webhookExample(
  name: string,
  pick: (p: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const path = join(process.cwd(), "node_modules/@octokit/webhooks-examples/api.github.com/index.json");
  const all = JSON.parse(readFileSync(path, "utf8")) as { name: string; examples: Record<string, unknown>[] }[];
  const found = all.find((e) => e.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no example ${name}`);
  return found;
}

/** keys of `expected` missing from `actual` */
export function missingKeys(actual: unknown, expected: unknown, ignore: string[] = []): string[] {
  const a = new Set(Object.keys(actual as object));
  return Object.keys(expected as object).filter((k) => !a.has(k) && !ignore.includes(k));
}
