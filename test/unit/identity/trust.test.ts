import { describe, expect, it } from "@jest/globals";
import pino from "pino";
import { Writable } from "node:stream";
import { toTrackedIssue, type TrackedIssue } from "../../../src/reconcile/observe/tracked-issues.js";
import { renderMarker } from "../../../src/identity/marker.js";
import { isTrustedIssue, trustedIssues } from "../../../src/identity/trust.js";

function issue(number: number, author: string | null, labels: string[]): TrackedIssue {
  const tracked = toTrackedIssue({
    number,
    id: 1000 + number,
    node_id: `I_${number}`,
    title: "T001 x",
    body: renderMarker({ kind: "task", path: "specs/a/tasks.md", id: "T001", text: "abc" }),
    state: "closed",
    labels: labels.map((name) => ({ name })),
    html_url: `https://github.com/o/r/issues/${number}`,
    user: author === null ? null : { login: author },
  });
  if (!tracked) throw new Error("no marker");
  return tracked;
}

const trust = { author: "tasksync[bot]", label: "tasksync" };

describe("what tasksync trusts", () => {
  it.each([
    ["its bot's issue with its label", issue(1, "tasksync[bot]", ["tasksync"]), true],
    ["its bot's issue without the label", issue(2, "tasksync[bot]", ["bug"]), false],
    ["a person's copy with the label", issue(3, "mallory", ["tasksync"]), false],
    ["another app's issue with the label", issue(4, "other-app[bot]", ["tasksync"]), false],
    ["an issue whose author GitHub did not say", issue(5, null, ["tasksync"]), false],
  ])("%s → %s", (_what, candidate, expected) => {
    expect(isTrustedIssue(candidate, trust)).toBe(expected);
  });

  it("without a known author (a CLI run as a person), the label decides", () => {
    expect(isTrustedIssue(issue(6, "mona", ["TaskSync"]), { label: "tasksync" })).toBe(true);
  });

  it("drops the untrusted issues and logs each once, however often it is listed", () => {
    const lines: string[] = [];
    const log = pino(
      { level: "info" },
      new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }),
    );
    const listed = [issue(1, "tasksync[bot]", ["tasksync"]), issue(7, "mallory", ["tasksync"])];
    expect(trustedIssues(listed, trust, log, "o/trust-test").map((i) => i.number)).toEqual([1]);
    expect(trustedIssues(listed, trust, log, "o/trust-test").map((i) => i.number)).toEqual([1]);
    expect(lines.filter((l) => l.includes("did not open"))).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ issue: 7, author: "mallory" });
  });
});
