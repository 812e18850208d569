import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createServer } from "node:net";
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

function captureIo(): CliIo & { out: string; err: string; bar: string } {
  const io = {
    out: "",
    err: "",
    bar: "",
    progress: {
      isTTY: false,
      write(text: string) {
        io.bar += text;
      },
    },
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

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
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

  it("sync reports progress as lines off a terminal, then what was applied (not the plan again), with no error logged for the missing optional config", async () => {
    const io = captureIo();
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], io)).toBe(0);
    expect(io.bar).toMatch(/tasksync: (\d+)\/\1 changes applied/);
    expect(io.out).toContain(`${PATH}: `);
    expect(io.out).toMatch(/change\(s\) applied/);
    expect(io.out).not.toContain('create issue "T003');
    expect(io.err).toBe("");
  });

  it("plan and sync hold back only the task a duplicate id concerns, and say so", async () => {
    emulator.commit({ owner: "octo", repo: "app", files: { [PATH]: `${LIST}- [ ] T002 [US1] Upload page\n` } });
    const dry = captureIo();
    expect(await main(["plan", "--repo", "octo/app", "--api-url", emulator.url], dry)).toBe(0);
    expect(dry.out).toContain(`${PATH}: `);
    expect(dry.out).toContain("(has errors: T002 held back)");
    expect(dry.out).toContain('would create issue "T003 Upload endpoint (depends on T001)"');
    expect(dry.out).not.toContain('would create issue "T002');
    const io = captureIo();
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], io)).toBe(0);
    expect(io.out).toContain("the list has errors: T002 held back (see the tracking issue)");
    expect(
      emulator
        .issues("octo", "app")
        .map((i) => i.title)
        .filter((t) => /^T00\d/.test(t))
        .sort(),
    ).toEqual(["T001 Create project structure", "T003 Upload endpoint (depends on T001)"]);
  });

  it("a FILE that is not a task list under `paths` exits 2 naming it, writing nothing", async () => {
    const io = captureIo();
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url, "README.md"], io)).toBe(2);
    expect(io.err).toContain("README.md is not a task list under `paths`");
    const absent = captureIo();
    expect(
      await main(["plan", "--repo", "octo/app", "--api-url", emulator.url, "specs/002-none/tasks.md"], absent),
    ).toBe(2);
    expect(absent.err).toContain("no task list at specs/002-none/tasks.md");
    expect(emulator.requests.writes()).toBe(0);
  });

  it("says a connection was refused instead of an unknown 500", async () => {
    const port = await closedPort();
    const io = captureIo();
    expect(await main(["plan", "--repo", "octo/app", "--api-url", `http://127.0.0.1:${port}`], io)).toBe(2);
    expect(io.err).toBe(`tasksync plan: cannot reach http://127.0.0.1:${port}: connection refused\n`);
  });

  it("unlink: a dry run by default; --yes closes tasksync's issues as not planned and removes its label", async () => {
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], captureIo())).toBe(0);
    emulator.requests.reset();
    const dry = captureIo();
    expect(await main(["unlink", "--repo", "octo/app", "--api-url", emulator.url], dry)).toBe(0);
    expect(dry.out).toContain("would close as not planned");
    expect(dry.out).toContain("dry run: 6 issue(s), 6 to close");
    expect(emulator.requests.writes()).toBe(0);
    const act = captureIo();
    expect(await main(["unlink", "--repo", "octo/app", "--api-url", emulator.url, "--yes"], act)).toBe(0);
    expect(act.out).toContain("unlinked 6 issue(s): 6 closed as not planned");
    const issues = emulator.issues("octo", "app");
    expect(issues).toHaveLength(6);
    for (const issue of issues) {
      expect(issue.state).toBe("closed");
      expect(issue.state_reason).toBe("not_planned");
      expect(issue.labels).not.toContain("tasksync");
    }
    const after = captureIo();
    expect(await main(["plan", "--repo", "octo/app", "--api-url", emulator.url], after)).toBe(0);
    expect(after.out).toContain('would create issue "T003');
  });

  it("unlink --yes: a close GitHub applied but answered 502 is sent again by the writer, and nothing is lost", async () => {
    expect(await main(["sync", "--repo", "octo/app", "--api-url", emulator.url], captureIo())).toBe(0);
    emulator.requests.reset();
    emulator.applyThenFail({ method: "PATCH", path: /\/issues\/\d+$/, status: 502, times: 1 });
    const act = captureIo();
    expect(await main(["unlink", "--repo", "octo/app", "--api-url", emulator.url, "--yes"], act)).toBe(0);
    expect(act.out).toContain("unlinked 6 issue(s): 6 closed as not planned");
    // six updates and the one sent again after the ambiguous 502: an update is idempotent
    expect(emulator.requests.count("PATCH /repos/{owner}/{repo}/issues/{issue_number}")).toBe(7);
    const issues = emulator.issues("octo", "app");
    expect(issues).toHaveLength(6);
    for (const issue of issues) {
      expect(issue.state).toBe("closed");
      expect(issue.state_reason).toBe("not_planned");
      expect(issue.labels).not.toContain("tasksync");
    }
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
