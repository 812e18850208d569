import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { Probot, ProbotOctokit } from "probot";
import { testPrivateKey } from "../../support/test-key.js";
import { b64, errorOf, OWNER, quiet, REPO, statusOf, world, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const params = { owner: OWNER, repo: REPO };

/** a well-formed (unsigned) app JWT: the emulator does not check signatures */
function jwt(appId = 1): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: now - 60, exp: now + 540, iss: appId })}.c2ln`;
}

describe("app authentication", () => {
  it("answers /app, /app/installations, a repo's installation and access tokens for an app JWT", async () => {
    w = await world();
    const asApp = new Octokit({ baseUrl: w.em.url, auth: jwt(), log: quiet });
    expect((await asApp.rest.apps.getAuthenticated()).data).toMatchObject({ id: 1, slug: "tasksync" });
    const installations = await asApp.rest.apps.listInstallations();
    expect(installations.data.map((i) => [i.id, i.account && "login" in i.account ? i.account.login : null])).toEqual([
      [w.installationId, "acme"],
    ]);
    expect((await asApp.rest.apps.getRepoInstallation(params)).data.id).toBe(w.installationId);
    const token = await asApp.rest.apps.createInstallationAccessToken({ installation_id: w.installationId });
    expect(token.status).toBe(201);
    expect(token.data).toMatchObject({
      repository_selection: "selected",
      permissions: { contents: "write", issues: "write" },
    });
    expect(Date.parse(token.data.expires_at)).toBeGreaterThan(Date.now());
    const asInstallation = new Octokit({ baseUrl: w.em.url, auth: token.data.token, log: quiet });
    const repos = await asInstallation.rest.apps.listReposAccessibleToInstallation();
    expect(repos.data.repositories.map((r) => r.full_name)).toEqual(["acme/widgets"]);
    // the app JWT is not an installation: no repository access, and tokens are not JWTs
    expect(await statusOf(asApp.rest.issues.listForRepo(params))).toBe(403);
    expect(await statusOf(asInstallation.rest.apps.getAuthenticated())).toBe(401);
    expect(await statusOf(asApp.rest.apps.createInstallationAccessToken({ installation_id: 999 }))).toBe(404);
  });

  it("lets the real Probot authenticate as the installation through /api/v3 (GHE_HOST)", async () => {
    w = await world();
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      baseUrl: `${w.em.url}/api/v3`,
      Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
      log: (await import("pino")).pino({ level: "silent" }),
    });
    const octokit = await probot.auth(w.installationId);
    const issue = await octokit.rest.issues.create({ ...params, title: "from probot" });
    expect(issue.data.user?.login).toBe("tasksync[bot]");
    expect(w.em.requests.count("POST /app/installations/{installation_id}/access_tokens")).toBe(1);
  });

  it("401 without credentials on private state; 401 for unknown installation tokens; 404 for repos outside the installation", async () => {
    w = await world();
    const anon = new Octokit({ baseUrl: w.em.url, log: quiet });
    const err = await errorOf(anon.rest.issues.listForRepo(params));
    expect(err.status).toBe(401);
    expect(err.data).toMatchObject({ message: "Requires authentication", documentation_url: expect.any(String) });
    const stale = new Octokit({ baseUrl: w.em.url, auth: "ghs_notissued", log: quiet });
    expect(await statusOf(stale.rest.repos.get(params))).toBe(401);
    w.em.createRepo({ owner: OWNER, name: "secret" });
    expect(await statusOf(w.app.rest.repos.get({ owner: OWNER, repo: "secret" }))).toBe(404);
    expect((await w.person.rest.repos.get({ owner: OWNER, repo: "secret" })).status).toBe(200);
  });

  it("an installation without contents: write gets 403 on PUT contents but may read", async () => {
    w = await world({ permissions: { metadata: "read", contents: "read", issues: "write" } });
    const err = await errorOf(
      w.app.rest.repos.createOrUpdateFileContents({ ...params, path: "a.md", message: "m", content: b64("a") }),
    );
    expect(err.status).toBe(403);
    expect(err.data["message"]).toBe("Resource not accessible by integration");
    expect((await w.app.rest.repos.getContent({ ...params, path: "README.md" })).status).toBe(200);
    w.em.setPermissions(w.installationId, { metadata: "read", contents: "write" });
    expect(
      (await w.app.rest.repos.createOrUpdateFileContents({ ...params, path: "a.md", message: "m", content: b64("a") }))
        .status,
    ).toBe(201);
  });
});

describe("faults", () => {
  it("failNth: the k-th request from now fails with the given status, then things recover", async () => {
    w = await world();
    w.em.failNth(2, 502);
    w.em.failNth(3, 500);
    expect((await w.app.rest.repos.get(params)).status).toBe(200);
    expect(await statusOf(w.app.rest.issues.create({ ...params, title: "x" }))).toBe(502);
    expect(await statusOf(w.app.rest.repos.get(params))).toBe(500);
    expect((await w.app.rest.issues.create({ ...params, title: "y" })).data.title).toBe("y");
    expect(w.em.issues(OWNER, REPO).map((i) => i.title)).toEqual(["y"]);
  });

  it("latency delays every request", async () => {
    w = await world();
    w.em.setLatency(120);
    const t0 = Date.now();
    await w.app.rest.repos.get(params);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it("secondary rate limit: after N content-creating requests, 403 with retry-after until the window passes", async () => {
    let clock = Date.now(); // the emulator's clock: moved by hand, so the window ends exactly when the test says
    w = await world({ now: () => new Date(clock) });
    w.em.secondaryRateLimit({ max: 2, windowMs: 300, retryAfterSeconds: 1 });
    await w.app.rest.issues.create({ ...params, title: "1" });
    await w.app.rest.issues.create({ ...params, title: "2" });
    const err = await errorOf(w.app.rest.issues.create({ ...params, title: "3" }));
    expect(err.status).toBe(403);
    expect(err.headers["retry-after"]).toBe("1");
    expect(String(err.data["message"])).toMatch(/secondary rate limit/);
    expect((await w.app.rest.issues.listForRepo(params)).status).toBe(200); // reads are not limited
    expect(w.em.issues(OWNER, REPO)).toHaveLength(2);
    clock += 299; // still inside the window
    expect(await statusOf(w.app.rest.issues.create({ ...params, title: "3" }))).toBe(403);
    clock += 1; // the window has passed
    expect((await w.app.rest.issues.create({ ...params, title: "3" })).status).toBe(201);
    expect(w.em.issues(OWNER, REPO).map((i) => i.title)).toEqual(["1", "2", "3"]);
  });

  it("secondary rate limit: the 429 variant", async () => {
    w = await world();
    w.em.secondaryRateLimit({ max: 0, status: 429, retryAfterSeconds: 3 });
    const err = await errorOf(w.app.rest.issues.create({ ...params, title: "1" }));
    expect(err.status).toBe(429);
    expect(err.headers["retry-after"]).toBe("3");
  });

  it("primary rate limit: headers on every response, decremented, 403 with remaining 0 when spent", async () => {
    w = await world();
    w.em.primaryRateLimit({ limit: 3, resetSeconds: 60 });
    const r1 = await w.app.rest.repos.get(params);
    expect(r1.headers["x-ratelimit-limit"]).toBe("3");
    expect(r1.headers["x-ratelimit-remaining"]).toBe("2");
    expect(r1.headers["x-ratelimit-used"]).toBe("1");
    expect(r1.headers["x-ratelimit-resource"]).toBe("core");
    expect(Number(r1.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    await w.app.rest.repos.get(params);
    await w.app.rest.repos.get(params);
    const err = await errorOf(w.app.rest.repos.get(params));
    expect(err.status).toBe(403);
    expect(err.headers["x-ratelimit-remaining"]).toBe("0");
    expect(String(err.data["message"])).toMatch(/API rate limit exceeded/);
  });

  it("protected branch: writes refused with 403 by default, configurable status; other branches fine", async () => {
    w = await world({ files: { "a.md": "a" } });
    w.em.protectBranch(OWNER, REPO, "main");
    const sha = w.em.branchSha(OWNER, REPO)!;
    const err = await errorOf(
      w.app.rest.repos.createOrUpdateFileContents({ ...params, path: "b.md", message: "m", content: b64("b") }),
    );
    expect(err.status).toBe(403);
    expect(err.data["message"]).toBe("Protected branch update failed for refs/heads/main.");
    expect(w.em.branchSha(OWNER, REPO)).toBe(sha);
    await w.app.rest.git.createRef({ ...params, ref: "refs/heads/tasksync/update", sha });
    expect(
      (
        await w.app.rest.repos.createOrUpdateFileContents({
          ...params,
          path: "b.md",
          message: "m",
          content: b64("b"),
          branch: "tasksync/update",
        })
      ).status,
    ).toBe(201);
    const next = w.em.branchSha(OWNER, REPO, "tasksync/update")!;
    expect(await statusOf(w.app.rest.git.updateRef({ ...params, ref: "heads/main", sha: next }))).toBe(403);
    w.em.protectBranch(OWNER, REPO, "main", { status: 409 });
    const ruleset = await errorOf(
      w.app.rest.repos.createOrUpdateFileContents({ ...params, path: "b.md", message: "m", content: b64("b") }),
    );
    expect(ruleset.status).toBe(409);
    expect(String(ruleset.data["message"])).toMatch(/^Repository rule violations found/);
    expect((await w.app.rest.repos.getBranch({ ...params, branch: "main" })).data.protected).toBe(true);
  });
});

describe("request log and unknown endpoints", () => {
  it("counts per route and method, tells writes from reads, resets", async () => {
    w = await world();
    await w.app.rest.issues.create({ ...params, title: "a" });
    await w.app.rest.issues.create({ ...params, title: "b" });
    await w.app.rest.issues.listForRepo(params);
    await w.app.graphql(`{ repository(owner: "acme", name: "widgets") { id } }`);
    const counts = w.em.requests.counts();
    expect(counts.byRoute["POST /repos/{owner}/{repo}/issues"]).toBe(2);
    expect(counts.byRoute["GET /repos/{owner}/{repo}/issues"]).toBe(1);
    expect(counts.byMethod).toEqual({ POST: 3, GET: 1 });
    expect(w.em.requests.writes()).toBe(2);
    expect(w.em.requests.reads()).toBe(2);
    w.em.requests.reset();
    expect(w.em.requests.counts().total).toBe(0);
  });

  it("answers an unknown endpoint with 404 in GitHub's error shape and reports it", async () => {
    const unmatched: string[] = [];
    w = await world({ onUnmatched: (m, p) => unmatched.push(`${m} ${p}`) });
    const err = await errorOf(w.app.request("GET /repos/{owner}/{repo}/releases", params));
    expect(err.status).toBe(404);
    expect(err.data).toMatchObject({ message: "Not Found", documentation_url: expect.any(String) });
    expect(unmatched).toEqual(["GET /repos/acme/widgets/releases"]);
    expect(w.em.unmatched).toEqual(["GET /repos/acme/widgets/releases"]);
  });
});
