/** `.env.example` must not override the Docker image's settings when used as `--env-file`. */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const example = readFileSync(fileURLToPath(new URL("../../../.env.example", import.meta.url)), "utf8");
const setLines = example.split("\n").filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));

describe(".env.example", () => {
  it("leaves HOST, PORT, LOG_FORMAT and LOG_LEVEL commented out (the image sets them)", () => {
    const set = setLines.map((line) => line.split("=")[0]);
    for (const name of ["HOST", "PORT", "LOG_FORMAT", "LOG_LEVEL"]) expect(set).not.toContain(name);
    expect(example).toMatch(/^# HOST=/m);
    expect(example).toMatch(/^# LOG_FORMAT=/m);
  });
});
