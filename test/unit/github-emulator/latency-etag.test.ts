import { afterEach, describe, expect, it } from "@jest/globals";
import { delayFor, GITHUB_LATENCY, latencyFromEnv, latencyModel } from "../../github-emulator/latency.js";
import { errorOf, OWNER, REPO, world, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const params = { owner: OWNER, repo: REPO };

describe("latency model", () => {
  it("delays reads, writes and GraphQL each by their own setting", async () => {
    w = await world({ latency: latencyModel({ read: { ms: 80 }, write: { ms: 250 }, graphql: { ms: 160 } }) });
    const timed = async (send: () => Promise<unknown>): Promise<number> => {
      const t0 = Date.now();
      await send();
      return Date.now() - t0;
    };
    const read = await timed(() => w!.app.rest.repos.get(params));
    const write = await timed(() => w!.app.rest.issues.create({ ...params, title: "x" }));
    const graphql = await timed(() =>
      w!.app.graphql(`query { repository(owner: "${OWNER}", name: "${REPO}") { id } }`),
    );
    expect(read).toBeGreaterThanOrEqual(75);
    expect(read).toBeLessThan(240);
    expect(write).toBeGreaterThanOrEqual(245);
    expect(graphql).toBeGreaterThanOrEqual(155);
    expect(graphql).toBeLessThan(245);
  });

  it("keeps jitter inside ±jitter and never goes below zero", () => {
    const model = latencyModel({ read: { ms: 100, jitterMs: 30 }, write: { ms: 10, jitterMs: 50 } });
    expect(delayFor(model, "read", () => 0)).toBe(70);
    expect(delayFor(model, "read", () => 0.999999)).toBe(130);
    expect(delayFor(model, "write", () => 0)).toBe(0);
    expect(delayFor(latencyModel(), "graphql")).toBe(0);
  });

  it("takes the preset and per-class settings from flags over the environment", () => {
    const env = { EMULATOR_LATENCY: "github", EMULATOR_READ_MS: "40" };
    const model = latencyFromEnv(env, { "write-jitter-ms": "5" });
    expect(model.read).toEqual({ ms: 40, jitterMs: GITHUB_LATENCY.read.jitterMs });
    expect(model.write).toEqual({ ms: GITHUB_LATENCY.write.ms, jitterMs: 5 });
    expect(latencyFromEnv({}).read).toEqual({ ms: 0, jitterMs: 0 });
    expect(() => latencyFromEnv({ EMULATOR_READ_MS: "soon" })).toThrow(/read-ms \(EMULATOR_READ_MS\)/);
    expect(() => latencyFromEnv({}, { latency: "slow" })).toThrow(/"github" or "none"/);
  });
});

describe("conditional requests", () => {
  it("answers a GET with an ETag, and its If-None-Match with a 304 that costs no point", async () => {
    w = await world();
    const first = await w.app.request("GET /repos/{owner}/{repo}/issues", params);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(w.em.points(w.installationId)).toBe(1);
    const again = await errorOf(
      w.app.request("GET /repos/{owner}/{repo}/issues", { ...params, headers: { "if-none-match": etag } }),
    );
    expect(again.status).toBe(304);
    expect(w.em.points(w.installationId)).toBe(1);
    expect(w.em.requests.count("GET /repos/{owner}/{repo}/issues")).toBe(2);
    // a change makes a new ETag: the old one gets the full answer, and pays for it
    await w.app.rest.issues.create({ ...params, title: "new" });
    const changed = await w.app.request("GET /repos/{owner}/{repo}/issues", {
      ...params,
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.data.map((i) => i.title)).toEqual(["new"]);
    expect(changed.headers.etag).not.toBe(etag);
    expect(w.em.points(w.installationId)).toBe(3);
  });

  it("gives another representation (Accept) another ETag", async () => {
    w = await world({ files: { "a.md": "a\n" } });
    const json = await w.app.request("GET /repos/{owner}/{repo}/contents/{path}", { ...params, path: "a.md" });
    const raw = await w.app.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...params,
      path: "a.md",
      mediaType: { format: "raw" },
    });
    expect(json.headers.etag).not.toBe(raw.headers.etag);
  });

  it("keeps one budget per installation, read from x-ratelimit-remaining or the free GET /rate_limit", async () => {
    w = await world();
    w.em.primaryRateLimit({ limit: 10 });
    const other = w.em.install({ account: "zeta", repos: [] });
    await w.app.rest.repos.get(params);
    const answer = await w.app.rest.repos.get(params);
    expect(answer.headers["x-ratelimit-remaining"]).toBe("8");
    const limits = await w.app.request("GET /rate_limit");
    expect((limits.data as { resources: { core: { remaining: number } } }).resources.core.remaining).toBe(8);
    expect(w.em.points(w.installationId)).toBe(2);
    expect(w.em.points(other.id)).toBe(0);
  });
});
