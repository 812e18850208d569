import { afterEach, describe, expect, it } from "@jest/globals";
import { parseMarker } from "../../src/sync/marker.js";
import { startHarness, type Harness } from "./harness.js";

const PATH = "specs/001-photo-albums/tasks.md";
const LIST = `# Tasks: Photo albums

## Phase 1: Setup

- [ ] T001 Create project structure
- [x] T002 [P] Configure linting in \`eslint.config.js\`

## Phase 2: Foundational (Blocking Prerequisites)

- [ ] T003 Database schema in \`backend/schema.sql\`

## Phase 3: User Story 1 - Upload photos (Priority: P1) 🎯 MVP

- [ ] T004 [P] [US1] Upload endpoint in \`backend/app.py\`
- [ ] T005 [US1] Upload UI (depends on T004)
`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const taskIssue = (harness: Harness, id: string, path = PATH) => {
  const issue = harness.emulator.issues(harness.owner, harness.repo).find((i) => {
    const m = parseMarker(i.body);
    return m?.kind === "task" && m.id === id && m.path === path;
  });
  if (!issue) throw new Error(`no issue for ${id}`);
  return issue;
};

describe("sync end to end", () => {
  it("syncs the task lists already there when the app is installed", async () => {
    h = await startHarness({ files: { [PATH]: LIST, "README.md": "# app\n" } });
    const issues = h.emulator.issues(h.owner, h.repo);
    expect(issues).toHaveLength(1 + 3 + 5);
    const t005 = taskIssue(h, "T005");
    const t004 = taskIssue(h, "T004");
    expect(h.emulator.blockedBy(h.owner, h.repo, t005.number).map((i) => i.number)).toEqual([t004.number]);
    expect(taskIssue(h, "T002").state).toBe("closed");
  });
});
