import { describe, expect, it } from "vitest";
import { RowContext } from "../map-context";
import { capabilityList, textOrJson } from "./tac-columns";
import { tacAgentType } from "./tac-postgres-model";
import { tacStatus } from "./tac-vocabulary";

const ctx = () => new RowContext("tac", "agents", "k", new Date("2026-01-01T00:00:00Z"));

describe("TAC column shapes", () => {
  it("keeps plain-text context as text and parses only what looks like JSON", () => {
    const c = ctx();
    expect(textOrJson(c, "adw_plan_iso", "context")).toBe("adw_plan_iso");
    expect(textOrJson(c, '{"issue": 142}', "context")).toEqual({ issue: 142 });
    expect(textOrJson(c, "", "context")).toBeUndefined();
    expect(c.issues).toEqual([]);
    expect(textOrJson(c, "{broken", "context")).toEqual({ raw: "{broken" });
    expect(c.issues).toEqual(["invalid JSON in context"]);
  });

  it("reads CSV and JSON capability lists", () => {
    const c = ctx();
    expect(capabilityList(c, "issue_analysis,plan_writing")).toEqual(["issue_analysis", "plan_writing"]);
    expect(capabilityList(c, "documentation")).toEqual(["documentation"]);
    expect(capabilityList(c, '["plan","spec"]')).toEqual(["plan", "spec"]);
    expect(capabilityList(c, null)).toBeUndefined();
    expect(c.issues).toEqual([]);
  });

  it("names an agent by its ADW step, or its name without the ADW id", () => {
    expect(tacAgentType("plan-34beef28", "34beef28-97e4-4c8f-96ea-cfea98d2075f", "plan")).toBe("plan");
    expect(tacAgentType("adw_build_iso_7c1e9a20", "7c1e9a20", undefined)).toBe("adw_build_iso");
    expect(tacAgentType("builder", undefined, undefined)).toBe("builder");
  });

  it("maps blocked deliberately, not as pending", () => {
    expect(tacStatus("postgresAgent", "blocked")?.status).toBe("failed");
    expect(tacStatus("workflow", "in_progress")?.status).toBe("running");
    expect(tacStatus("postgresAgent", "hibernating")).toBeUndefined();
  });
});
