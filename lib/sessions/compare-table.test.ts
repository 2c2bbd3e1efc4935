import { describe, expect, it } from "vitest";
import { compareByAgentType, parseCompareRef } from "./compare-table";

describe("compareByAgentType", () => {
  it("lines up each agent type's runs, failures, duration, tokens and cost per session", () => {
    const rows = compareByAgentType(
      ["s1", "s2"],
      [
        { sessionId: "s1", agentType: "qa", status: "completed", runs: 2, durationMs: 1000 },
        { sessionId: "s1", agentType: "qa", status: "failed", runs: 1, durationMs: 500 },
        { sessionId: "s2", agentType: "pm", status: "completed", runs: 1, durationMs: 10 },
        { sessionId: "other", agentType: "pm", status: "completed", runs: 9, durationMs: 9 },
      ],
      [
        { sessionId: "s1", agentType: "qa", tokens: 100, costUsd: 1 },
        { sessionId: "s2", agentType: null, tokens: 5, costUsd: 0 },
      ],
    );
    expect(rows).toEqual([
      { agentType: "qa", cells: [{ runs: 3, failed: 1, durationMs: 1500, tokens: 100, costUsd: 1 }, null] },
      { agentType: "(not recorded)", cells: [null, { runs: 0, failed: 0, durationMs: 0, tokens: 5, costUsd: 0 }] },
      { agentType: "pm", cells: [null, { runs: 1, failed: 0, durationMs: 10, tokens: 0, costUsd: 0 }] },
    ]);
  });
});

describe("parseCompareRef", () => {
  it("splits a project slug from the external id, which may itself contain slashes", () => {
    expect(parseCompareRef("checkout/s/1")).toEqual({ projectSlug: "checkout", externalId: "s/1" });
    expect(parseCompareRef("bazinga_1")).toEqual({ externalId: "bazinga_1" });
    expect(parseCompareRef("/x")).toEqual({ externalId: "/x" });
  });
});
