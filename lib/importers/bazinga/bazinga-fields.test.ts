import { describe, expect, it } from "vitest";
import { RowContext } from "../map-context";
import { bazingaAgent, bazingaStatus, bazingaTime } from "./bazinga-fields";
import { TASK_GROUP_STATUSES } from "./bazinga-vocabulary";

const ctx = () => new RowContext("bazinga", "sessions", "k", new Date("2026-02-01T00:00:00Z"), "Europe/Berlin");

describe("bazinga columns", () => {
  it("reads Python isoformat() as local time, SQLite CURRENT_TIMESTAMP as UTC, and a zone as given", () => {
    const c = ctx();
    expect(bazingaTime(c, "2026-01-20T10:19:08.256453", "end_time")?.toISOString()).toBe("2026-01-20T09:19:08.256Z");
    expect(bazingaTime(c, "2026-07-20T10:19:08", "end_time")?.toISOString()).toBe("2026-07-20T08:19:08.000Z");
    expect(bazingaTime(c, "2026-01-20 08:15:16", "start_time")?.toISOString()).toBe("2026-01-20T08:15:16.000Z");
    expect(bazingaTime(c, "2026-01-23T08:30:00.822Z", "start_time")?.toISOString()).toBe("2026-01-23T08:30:00.822Z");
    expect(bazingaTime(c, null, "end_time")).toBeUndefined();
    expect(c.issues).toEqual([]);
  });

  it("maps a status through the vocabulary and keeps the word; an unknown one by rule, as an issue", () => {
    const c = ctx();
    expect(bazingaStatus(c, TASK_GROUP_STATUSES, "approved_pending_merge", "status")).toEqual({
      status: "pending",
      sourceStatus: "approved_pending_merge",
    });
    expect(bazingaStatus(c, TASK_GROUP_STATUSES, "merging", "status")).toEqual({
      status: "running",
      sourceStatus: "merging",
    });
    expect(c.issues).toEqual([]);
    expect(bazingaStatus(c, TASK_GROUP_STATUSES, "waiting_for_ci", "status")).toEqual({
      status: "pending",
      sourceStatus: "waiting_for_ci",
    });
    expect(c.issues).toEqual(['unmapped status "waiting_for_ci" (counted as pending: waits for something)']);
  });

  it("gives one agent type per role and keeps the spelling", () => {
    const c = ctx();
    expect(bazingaAgent(c, "project_manager")).toEqual({ agentType: "pm", sourceAgentType: "project_manager" });
    expect(bazingaAgent(c, "pm")).toEqual({ agentType: "pm" });
    expect(bazingaAgent(c, "techlead")).toEqual({ agentType: "tech_lead", sourceAgentType: "techlead" });
    expect(bazingaAgent(c, "system")).toEqual({ agentType: undefined, sourceAgentType: "system" });
    expect(c.issues).toEqual([]);
  });
});
