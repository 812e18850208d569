/**
 * GitHub's content-creation limits, scaled down: the emulator refuses a ninth content-creating
 * request within 200 ms (403, retry-after). A first sync of 300 tasks that spends its budget
 * before each write finishes with no refusal at all; without the budget the same sync meets the
 * limit, waits as `retry-after` says, and still finishes.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import pino from "pino";
import { guardedClient } from "../../src/github/guarded-client.js";
import { forgetHosts } from "../../src/github/host-capabilities.js";
import { MemoryContentBudget, type ContentBudget } from "../../src/github/pacing-budget.js";
import { syncRepository } from "../../src/reconcile/sync-repository.js";
import { startEmulator, type Emulator } from "../github-emulator/index.js";
import { conformanceProblems } from "../github-emulator/openapi-conformance.js";

const PATH = "specs/001-big/tasks.md";
const WINDOW_MS = 200;

function bigList(count: number): string {
  const lines = ["# Tasks: Big", ""];
  for (let p = 0; p < 3; p += 1) {
    lines.push(`## Phase ${p + 1}: Part ${p + 1}`, "");
    for (let i = 1; i <= count / 3; i += 1) {
      const n = p * (count / 3) + i;
      const dep = i % 10 === 0 ? ` (depends on T${String(n - 1).padStart(3, "0")})` : "";
      lines.push(`- [ ] T${String(n).padStart(3, "0")} Part ${n}${dep}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  forgetHosts();
});

async function firstSync(tasks: number, budget: ContentBudget | undefined) {
  emulator = await startEmulator({ onUnmatched: () => {} });
  emulator.createRepo({ owner: "big", name: "repo", files: { [PATH]: bigList(tasks) } });
  emulator.secondaryRateLimit({ max: 8, windowMs: WINDOW_MS, retryAfterSeconds: 1 });
  const octokit = new Octokit({
    auth: emulator.userToken("big"),
    baseUrl: emulator.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const log = pino({ level: "silent" });
  const gh = guardedClient(octokit, log);
  const ctx = { owner: "big", repo: "repo", htmlUrl: `${emulator.url}/big/repo`, defaultBranch: "main" };
  const outcome = await syncRepository({
    gh,
    ctx,
    commitSha: emulator.branchSha("big", "repo") ?? "main",
    force: true,
    log,
    pauseMs: 0,
    ...(budget ? { budget } : {}),
  });
  expect(outcome.kind).toBe("synced");
  const issues = emulator.issues("big", "repo");
  expect(conformanceProblems(emulator.requests.history, { kind: "github.com" })).toEqual([]);
  return { issues, refused: emulator.requests.counts().byStatus["403"] ?? 0 };
}

describe("content-creation limits (scaled down to 8 per 200 ms)", () => {
  it("a first sync of 300 tasks paced by the budget finishes with zero limit answers", async () => {
    // One below the limit: a request in flight when a window opens lands in it.
    const { issues, refused } = await firstSync(300, new MemoryContentBudget([{ limit: 7, ms: WINDOW_MS }]));
    expect(issues).toHaveLength(1 + 3 + 300);
    expect(refused).toBe(0);
  }, 120_000);

  it("without the budget the same sync meets the limit, waits as retry-after says, and still finishes", async () => {
    // (fewer tasks: every refusal costs a one-second retry-after)
    const { issues, refused } = await firstSync(45, undefined);
    expect(refused).toBeGreaterThan(0);
    expect(issues).toHaveLength(1 + 3 + 45);
  }, 120_000);
});
