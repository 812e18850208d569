import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../src/config/schema.js";
import { validateConfig } from "../../../src/config/validate-config.js";

describe("the agents configuration", () => {
  it("hands nothing out by default, one task at a time per list", () => {
    expect(defaultConfig.agents).toEqual({ dispatch: "none", label: null, comment: null, maxInFlight: 1, only: [] });
  });

  it("keeps a label dispatch with its label, cap and filter", () => {
    const result = validateConfig({ agents: { dispatch: "label", label: "claude", maxInFlight: 2, only: ["US1"] } });
    expect(result.ok && result.config.agents).toEqual({
      dispatch: "label",
      label: "claude",
      comment: null,
      maxInFlight: 2,
      only: ["US1"],
    });
  });

  it.each([
    [{ agents: { dispatch: "label" } }, "agents.label: dispatch: label needs the label to put on the issue"],
    [{ agents: { dispatch: "comment" } }, "agents.comment: dispatch: comment needs the mention"],
    [{ agents: { dispatch: "email" } }, "agents.dispatch: "],
    [{ agents: { dispatch: "label", label: "claude", maxInFlight: 0 } }, "agents.maxInFlight: "],
    [{ agents: { dispatch: "workflow", maxInFlight: 1.5 } }, "agents.maxInFlight: "],
    [{ agents: { dispach: "label" } }, "agents: unknown key `dispach`"],
  ])("names the key at fault in %j", (raw, message) => {
    const result = validateConfig(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join("\n")).toContain(message);
  });
});
