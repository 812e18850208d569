/**
 * The demo, as a function: the local GitHub emulator and the real tasksync app on loopback (no
 * account, no network, no `.env`). It pushes a spec-kit task list and prints the issues GitHub
 * now holds, closes a task's issue as a person and prints the tick tasksync commits back, then
 * opens a pull request that skips a dependency and prints the failing `tasksync / gates` check.
 * Every step checks that it happened and throws a `DemoError` saying which one did not.
 */
import { readFileSync } from "node:fs";
import type { Logger } from "pino";
import { parseMarker } from "../src/identity/marker.js";
import { GATES_CHECK_NAME } from "../src/gates/gate-model.js";
import { startHarness, type Harness } from "../test/e2e/harness.js";
import { LEGEND, changedLines, issuesUnder, renderIssueTree, sharedLabels, type TreeIssue } from "./issue-tree.js";
import { readyIssues, readyMoveLines } from "./ready-labels.js";

export const DEMO_PATH = "specs/002-reading-list/tasks.md";
export const DEMO_LIST = readFileSync(new URL("./tasks.md", import.meta.url), "utf8");
const PERSON = "mona";

export class DemoError extends Error {
  override name = "DemoError";
}

export interface DemoResult {
  trackingNumber: number;
  issueCount: number;
  tickCommit: { sha: string; message: string; diff: string[] };
  gate: { conclusion: string | null; summary: string };
  /** The same check after the blockers' issues were closed. */
  gateAfter: { conclusion: string | null };
  /** The task issues carrying `ready` ("#12 T006") before and after the blockers closed. */
  ready: { before: string[]; after: string[] };
}

type Print = (line: string) => void;

function treeIssues(h: Harness): Map<number, TreeIssue> {
  const byNumber = new Map<number, TreeIssue>();
  for (const i of h.emulator.issues(h.owner, h.repo)) {
    if (i.is_pull_request) continue;
    byNumber.set(i.number, {
      number: i.number,
      title: i.title,
      state: i.state,
      stateReason: i.state_reason,
      labels: i.labels,
      children: i.sub_issues,
      blockedBy: i.blocked_by,
    });
  }
  return byNumber;
}

function findIssue(h: Harness, kind: "tracking" | "task", id?: string): number {
  const found = h.emulator.issues(h.owner, h.repo).find((i) => {
    const m = parseMarker(i.body);
    return m?.kind === kind && m.path === DEMO_PATH && (kind === "tracking" || (m.kind === "task" && m.id === id));
  });
  if (!found) throw new DemoError(`no ${kind} issue${id ? ` for ${id}` : ""} after the sync`);
  return found.number;
}

function gateRun(h: Harness, sha: string) {
  const runs = h.emulator
    .checkRuns(h.owner, h.repo, sha)
    .filter((r) => r.name === GATES_CHECK_NAME && r.status === "completed");
  return runs.sort((a, b) => a.id - b.id).at(-1); // the latest run
}

function heading(print: Print, text: string): void {
  print("");
  print(`━━ ${text} ${"━".repeat(Math.max(3, 92 - text.length))}`);
}

export interface DemoOptions {
  /** The app's logger (demo.ts: LOG_LEVEL, readable lines on standard error); silent by default. */
  appLog?: Logger;
}

export async function runDemo(print: Print = (l) => console.log(l), options: DemoOptions = {}): Promise<DemoResult> {
  const h = await startHarness({
    files: { "README.md": "# Reading list\n" },
    batchWindowMs: 300,
    ...(options.appLog ? { appLog: options.appLog } : {}),
  });
  try {
    const { owner, repo } = h;
    heading(print, `1. push ${DEMO_PATH} to ${owner}/${repo}`);
    await h.push({ [DEMO_PATH]: DEMO_LIST }, "Add the reading-list task list");
    const tracking = findIssue(h, "tracking");
    const byNumber = treeIssues(h);
    const tree = issuesUnder(tracking, byNumber);
    const shared = sharedLabels(tree);
    print(`GitHub now holds ${byNumber.size} issues. ${LEGEND}`);
    print(`Every issue carries ${shared.map((l) => `[${l}]`).join(" ")}; a task also carries its phase's labels.`);
    print("");
    for (const l of renderIssueTree(tracking, byNumber, shared)) print(l);
    if (tree.length !== byNumber.size) throw new DemoError(`the tree holds ${tree.length} of ${byNumber.size} issues`);
    if (!tree.some((i) => i.blockedBy.length > 0)) throw new DemoError("no blocked-by link was created");

    const t003 = findIssue(h, "task", "T003");
    heading(print, `2. ${PERSON} closes #${t003} (T003) on GitHub`);
    const before = h.emulator.fileAt(owner, repo, "main", DEMO_PATH) ?? "";
    const headBefore = h.emulator.branchSha(owner, repo);
    h.emulator.closeIssue(owner, repo, t003, "completed", PERSON);
    await h.settle();
    const after = h.emulator.fileAt(owner, repo, "main", DEMO_PATH) ?? "";
    const commit = h.emulator.commits(owner, repo)[0];
    if (!commit || commit.sha === headBefore)
      throw new DemoError("tasksync committed no tick after the issue was closed");
    const diff = changedLines(before, after);
    if (!after.includes("- [x] T003 ")) throw new DemoError("T003 is not ticked in the task list");
    print(`tasksync committed ${commit.sha.slice(0, 7)} as ${commit.author}:`);
    for (const l of commit.message.trim().split("\n")) print(`    ${l}`);
    print("");
    for (const l of diff) print(`    ${l}`);

    heading(print, `3. ${PERSON} opens a pull request that ticks T006 while its blocker T005 is open`);
    const ticked = after.replace("- [ ] T006 ", "- [x] T006 ");
    const pull = h.emulator.openPullRequest({
      owner,
      repo,
      head: "save-button",
      title: "Save button on the article page",
      body: "Adds the save button.",
      author: PERSON,
      files: { [DEMO_PATH]: ticked, "web/src/save-button.tsx": "export const SaveButton = () => null;\n" },
    });
    await h.settle();
    const headSha = h.emulator.branchSha(owner, repo, "save-button") ?? "";
    const run = gateRun(h, headSha);
    if (!run) throw new DemoError(`no completed "${GATES_CHECK_NAME}" check on pull request #${pull}`);
    print(`Pull request #${pull}: check "${run.name}" → ${run.conclusion}`);
    if (run.title) print(`  ${run.title}`);
    print("");
    for (const l of (run.summary ?? "").trim().split("\n")) print(`    ${l}`);
    if (run.conclusion !== "failure") throw new DemoError(`the gates check concluded ${run.conclusion}, not failure`);

    const blockers = ["T004", "T005"].map((id) => findIssue(h, "task", id));
    heading(
      print,
      `4. ${PERSON} closes the blockers ${blockers.map((n) => `#${n}`).join(" and ")}: the ready label moves, the check runs again`,
    );
    const readyBefore = readyIssues(h.emulator.issues(owner, repo), DEMO_PATH);
    const headBeforeClose = h.emulator.branchSha(owner, repo);
    for (const n of blockers) h.emulator.closeIssue(owner, repo, n, "completed", PERSON);
    await h.settle();
    const readyAfter = readyIssues(h.emulator.issues(owner, repo), DEMO_PATH);
    const tick = h.emulator.commits(owner, repo)[0];
    if (!tick || tick.sha === headBeforeClose)
      throw new DemoError("tasksync committed no tick after the blockers were closed");
    print(
      `No one pushed: tasksync ticked the lines (${tick.sha.slice(0, 7)} "${tick.message.trim()}") and moved the [ready] label:`,
    );
    for (const l of readyMoveLines(readyBefore, readyAfter)) print(l);
    print("");
    if (!readyAfter.some((x) => x.endsWith(" T006")))
      throw new DemoError("T006 did not get the ready label when its blocker T005 closed");
    const again = gateRun(h, headSha);
    print(`Pull request #${pull}: check "${GATES_CHECK_NAME}" → ${again?.conclusion ?? "(not run)"}`);
    if (again?.conclusion !== "success")
      throw new DemoError(
        `after the blockers closed the gates check is ${again?.conclusion ?? "not run"}, not success`,
      );

    print("");
    print("Done: the task list, the issues and the pull request check agree.");
    return {
      trackingNumber: tracking,
      issueCount: byNumber.size,
      tickCommit: { sha: commit.sha, message: commit.message, diff },
      gate: { conclusion: run.conclusion, summary: run.summary ?? "" },
      gateAfter: { conclusion: again.conclusion },
      ready: { before: readyBefore, after: readyAfter },
    };
  } finally {
    await h.stop();
  }
}
