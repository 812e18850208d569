import { afterAll, describe, expect, it } from "@jest/globals";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import { parseTaskListOffThread, stopParseWorker } from "../../../src/tasks/parse-off-thread.js";

function bigList(count: number): string {
  const lines = ["# Tasks: Big", "", "## Phase 1: Setup", ""];
  for (let n = 1; n <= count; n++) {
    lines.push(`- [${n % 3 === 0 ? "x" : " "}] T${String(n).padStart(4, "0")} [P] Part ${n} in \`src/p${n}.ts\``);
    if (n % 10 === 0) lines.push(`  - depends on T${String(n - 1).padStart(4, "0")}`);
  }
  return lines.join("\n");
}

afterAll(async () => {
  await stopParseWorker();
});

describe("parseTaskListOffThread", () => {
  it("parses a large list in the worker to the same document, while the event loop keeps running", async () => {
    const text = bigList(2000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const parsing = parseTaskListOffThread("specs/999-big/tasks.md", text, 1024);
    let answeredMeanwhile = false;
    setImmediate(() => {
      answeredMeanwhile = true;
    });
    const doc = await parsing;
    clearInterval(timer);
    expect(answeredMeanwhile).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect(doc).toEqual(parseTaskList("specs/999-big/tasks.md", text));
    expect(doc.tasks).toHaveLength(2000);
  });

  it("parses a small list on the calling thread", async () => {
    const text = bigList(3);
    const parsing = parseTaskListOffThread("specs/1/tasks.md", text);
    let answeredMeanwhile = false;
    setImmediate(() => {
      answeredMeanwhile = true;
    });
    const doc = await parsing;
    expect(answeredMeanwhile).toBe(false);
    expect(doc.tasks.map((t) => t.id)).toEqual(["T0001", "T0002", "T0003"]);
  });
});
