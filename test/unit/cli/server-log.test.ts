import { describe, expect, it } from "@jest/globals";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { logSettings, serverLog } from "../../../src/cli/server-log.js";

describe("the server's logger", () => {
  it("pretty: one line a record, with a timestamp and the fields", () => {
    const lines: string[] = [];
    const log = serverLog({ level: "info", format: "pretty" }, (line) => void lines.push(line));
    log
      .child({ repo: "octo/app", file: "specs/001/tasks.md" })
      .info({ op: "create-issue", task: "T001", reason: "new task" }, 'create issue "T001 Set up"');
    log.debug("not shown");
    expect(lines).toHaveLength(1);
    const [line = ""] = lines;
    expect(line.trimEnd().split("\n")).toHaveLength(1);
    expect(line).toMatch(
      /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] INFO \(probot\): create issue "T001 Set up" /,
    );
    expect(line).toContain('"op":"create-issue"');
    expect(line).toContain('"repo":"octo/app"');
  });

  it("json: one JSON object a line", () => {
    const lines: string[] = [];
    serverLog({ level: "info", format: "json" }, (line) => void lines.push(line)).info({ op: "close-issue" }, "closed");
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: 30,
      msg: "closed",
      op: "close-issue",
      time: expect.any(Number),
    });
  });

  it("reads LOG_LEVEL and LOG_FORMAT as Probot does: a .env file wins over the environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "tasksync-env-"));
    writeFileSync(join(dir, ".env"), "LOG_FORMAT=json\n");
    expect(logSettings({ LOG_FORMAT: "pretty", LOG_LEVEL: "debug" }, join(dir, ".env"))).toEqual({
      level: "debug",
      format: "json",
    });
    expect(logSettings({}, join(dir, "absent"))).toEqual({ level: "info", format: "pretty" });
  });
});
