import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { loadConfig } from "../../src/config/load-config.js";

const API = "https://api.github.com";
const raw = { "content-type": "application/vnd.github.raw; charset=utf-8" };
const gh = new Octokit({ request: { retries: 0 } });
const repo = { owner: "o", repo: "r" };

// the network is off: a request no mock answers fails the call instead of reaching GitHub
beforeAll(() => {
  nock.disableNetConnect();
});

afterAll(() => {
  nock.enableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("loadConfig", () => {
  it("uses the defaults when neither the repository nor the owner's .github repository has the file", async () => {
    nock(API)
      .get("/repos/o/r/contents/.github%2Ftasksync.yml")
      .reply(404, { message: "Not Found" })
      .get("/repos/o/.github/contents/.github%2Ftasksync.yml")
      .reply(404, { message: "Not Found" });
    const result = await loadConfig(gh, repo);
    expect(result.ok && result.config.gates.mode).toBe("strict");
  });

  it("reads and validates the repository's file", async () => {
    nock(API).get("/repos/o/r/contents/.github%2Ftasksync.yml").reply(200, "gates:\n  mode: advisory\n", raw);
    const result = await loadConfig(gh, repo);
    expect(result.ok && result.config.gates.mode).toBe("advisory");
  });

  it("names the key at fault, with the file", async () => {
    nock(API).get("/repos/o/r/contents/.github%2Ftasksync.yml").reply(200, "writeBack:\n  enabled: maybe\n", raw);
    expect(await loadConfig(gh, repo)).toEqual({
      ok: false,
      errors: [".github/tasksync.yml: writeBack.enabled: Invalid input: expected boolean, received string"],
    });
  });

  it("reports YAML that does not parse", async () => {
    nock(API).get("/repos/o/r/contents/.github%2Ftasksync.yml").reply(200, "gates: [unclosed\n", raw);
    const result = await loadConfig(gh, repo);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^\.github\/tasksync\.yml is not valid YAML: /);
  });

  it("lets a GitHub error propagate instead of calling it a bad config", async () => {
    nock(API).get("/repos/o/r/contents/.github%2Ftasksync.yml").reply(502, { message: "Bad Gateway" });
    await expect(loadConfig(gh, repo)).rejects.toMatchObject({ status: 502 });
  });
});
