/** A repository whose tree GitHub truncates: task lists are found folder by folder, never taken for deleted. */
import { afterEach, describe, expect, it } from "@jest/globals";
import { startHarness, type Harness } from "./harness.js";

const LIST =
  "# Tasks: Photo albums\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [ ] T002 Add linting (depends on T001)\n";
const files: Record<string, string> = {
  "specs/001-photo-albums/tasks.md": LIST,
  "specs/001-photo-albums/plan.md": "# plan\n",
  "specs/002-sharing/tasks.md": LIST.replace("Photo albums", "Sharing"),
};
for (let i = 0; i < 30; i += 1) files[`src/module-${i}.ts`] = `export const n = ${i};\n`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("a repository too large for one tree listing", () => {
  it("syncs every task list, and a later push closes nothing", async () => {
    h = await startHarness({ install: false, files });
    h.emulator.limitTreeEntries(10);
    h.emulator.install({ account: h.owner, repos: [h.repo] });
    await h.settle();
    const issues = () => h!.emulator.issues(h!.owner, h!.repo);
    expect(issues()).toHaveLength(8);
    expect(issues().map((i) => i.title)).toContain("002-sharing: Sharing");
    h.emulator.requests.reset();
    await h.push({ "src/module-0.ts": "export const n = -1;\n" });
    expect(issues().filter((i) => i.state === "closed")).toEqual([]);
    expect(h.emulator.requests.writes()).toBe(0);
  });
});
