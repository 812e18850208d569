import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/command.js";
import { startEmulator, type Emulator } from "../github-emulator/index.js";

const PATH = "specs/001-photo-albums/tasks.md";
const LIST = `# Tasks: Photo albums

## Phase 1: Setup

- [ ] T001 Create project structure
- [ ] T002 [P] Configure linting

## Phase 2: User Story 1 - Upload (Priority: P1)

- [ ] T003 [US1] Upload endpoint (depends on T001)
`;

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readFile: () => Promise.reject(new Error("not used")),
  };
  return io;
}

let emulator: Emulator;
const saved = { ...process.env };
beforeEach(async () => {
  emulator = await startEmulator();
  emulator.createRepo({ owner: "octo", name: "app", files: { [PATH]: LIST } });
  process.env.GITHUB_TOKEN = emulator.userToken("octo");
  process.env.TASKSYNC_WRITE_PAUSE_MS = "0";
  delete process.env.GITHUB_REPOSITORY;
});
afterEach(async () => {
  process.env = { ...saved };
  await emulator.stop();
});

describe("tasksync plan / sync against a GitHub API", () => {
  it("plan prints the operations and writes nothing", async () => {
    const io = captureIo();
    const code = await main(["plan", "--repo", "octo/app", "--api-url", emulator.url], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toContain(`${PATH}: `);
    expect(io.out).toContain('would create issue "T003 Upload endpoint (depends on T001)"');
    expect(io.out).toMatch(/dry run: \d+ operation\(s\) planned/);
    expect(emulator.requests.writes()).toBe(0);
    expect(emulator.issues("octo", "app")).toHaveLength(0);
  });

  it("sync applies the plan once; a second sync finds everything in sync", async () => {
    const first = captureIo();
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], first)).toBe(0);
    expect(first.out).toMatch(/synced: 6 created/);
    expect(emulator.issues("octo", "app")).toHaveLength(6);
    emulator.requests.reset();
    const second = captureIo();
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], second)).toBe(0);
    expect(second.out).toContain(`${PATH}: in sync`);
    expect(emulator.requests.writes()).toBe(0);
  });

  it("prints a bad config's errors and exits 1, posting nothing", async () => {
    emulator.commit({ owner: "octo", repo: "app", files: { ".github/tasksync.yml": "gates:\n  mode: lax\n" } });
    emulator.requests.reset();
    const io = captureIo();
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], io)).toBe(1);
    expect(io.err).toContain("gates.mode");
    expect(emulator.requests.writes()).toBe(0);
    expect(emulator.issues("octo", "app")).toHaveLength(0);
  });

  it("explains a missing token or repository in one line and exits 2", async () => {
    delete process.env.GITHUB_TOKEN;
    const io = captureIo();
    expect(await main(["sync", "--repo", "octo/app"], io)).toBe(2);
    expect(io.err).toContain("needs a token in GITHUB_TOKEN");
    const noRepo = captureIo();
    process.env.GITHUB_TOKEN = "x";
    expect(await main(["plan"], noRepo)).toBe(2);
    expect(noRepo.err).toContain("needs --repo owner/name");
  });
});
