import { describe, expect, it } from "vitest";
import { parseEvent, type IngestEventInput } from "../ingest/schemas";
import { normalizeStatus } from "../ingest/status";
import { DEMO_SOURCES, generateDemoEvents } from "./generate";

const NOW = new Date("2026-03-10T15:30:00.000Z");
const events = generateDemoEvents({ now: NOW });

type Body = Record<string, unknown>;
const body = (e: IngestEventInput): Body => e.body as Body;
const ofType = (type: IngestEventInput["type"]) => events.filter((e) => e.type === type);

/** Each session's fields merged in timestamp order, as the pipeline would see them. */
function latestSessions(list: IngestEventInput[]): Map<string, Body> {
  const sessions = new Map<string, Body>();
  const ordered = list.filter((e) => e.type === "session").sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (const e of ordered) {
    const id = String(body(e).sessionId);
    sessions.set(id, { ...sessions.get(id), ...body(e) });
  }
  return sessions;
}

describe("generateDemoEvents", () => {
  it("is deterministic for the same options and changes with the seed", () => {
    expect(generateDemoEvents({ now: NOW })).toEqual(events);
    expect(JSON.stringify(generateDemoEvents({ now: NOW, seed: 1 }))).toBe(JSON.stringify(events));
    const other = generateDemoEvents({ now: NOW, seed: 2 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(events));
  });

  it("emits only events that pass the ingest contract", () => {
    const failures = events.map((e) => parseEvent(e)).filter((r) => !r.ok);
    expect(failures).toEqual([]);
  });

  it("uses globally unique event ids and entity ids", () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const unique = (type: IngestEventInput["type"], key: string) => {
      const ids = ofType(type).map((e) => String(body(e)[key]));
      return new Set(ids).size;
    };
    // run, task and agent events update the same entity; calls, messages, artifacts must not repeat
    expect(unique("llm_call", "callId")).toBe(ofType("llm_call").length);
    expect(unique("message", "messageId")).toBe(ofType("message").length);
    expect(unique("artifact", "artifactId")).toBe(ofType("artifact").length);
  });

  it("keeps the default output modest", () => {
    expect(events.length).toBeGreaterThanOrEqual(3000);
    expect(events.length).toBeLessThanOrEqual(8000);
  });

  it("places all events in the last week, up to now, with several sessions started today", () => {
    const nowIso = NOW.toISOString();
    const weekAgo = new Date(NOW.getTime() - 7 * 24 * 3600_000).toISOString();
    for (const e of events) {
      expect(e.timestamp <= nowIso).toBe(true);
      expect(e.timestamp >= weekAgo).toBe(true);
    }
    const starts = [...latestSessions(events).values()].map((s) => String(s.startedAt));
    const lastSixHours = new Date(NOW.getTime() - 6 * 3600_000).toISOString();
    expect(starts.filter((s) => s >= lastSixHours).length).toBeGreaterThanOrEqual(4);
  });

  it("orders each session's events and ends with a newer session event", () => {
    const bySession = new Map<string, IngestEventInput[]>();
    for (const e of events) {
      const sid = String(body(e).sessionId ?? "");
      if (sid) bySession.set(sid, [...(bySession.get(sid) ?? []), e]);
    }
    for (const list of bySession.values()) {
      const stamps = list.map((e) => e.timestamp);
      expect([...stamps].sort()).toEqual(stamps);
      const sessionEvents = list.filter((e) => e.type === "session");
      expect(sessionEvents.length).toBeGreaterThanOrEqual(2);
      expect(sessionEvents.at(-1)!.timestamp > sessionEvents[0]!.timestamp).toBe(true);
    }
  });

  it("covers all five sources", () => {
    const sources = new Set(
      ofType("session")
        .map((e) => body(e).source)
        .filter(Boolean),
    );
    expect([...sources].sort()).toEqual([...DEMO_SOURCES].sort());
  });

  it("uses each source's agent roles as run agentTypes", () => {
    const sessionSource = new Map<string, string>();
    for (const e of ofType("session"))
      if (body(e).source) sessionSource.set(String(body(e).sessionId), String(body(e).source));
    const roles = new Map<string, Set<string>>();
    for (const e of ofType("run")) {
      const source = sessionSource.get(String(body(e).sessionId)) ?? "?";
      roles.set(source, (roles.get(source) ?? new Set()).add(String(body(e).agentType)));
    }
    const expected: Record<string, string[]> = {
      bazinga: ["pm", "developer", "qa_expert", "tech_lead", "orchestrator"],
      tac: ["planner", "builder", "reviewer", "tester"],
      studio: ["pm", "arch", "human_gate", "eng", "qa"],
      "agents-orchestrator": ["handover", "reviewer"],
      beads: ["research", "poc", "documentation", "validation", "supervisor"],
    };
    for (const [source, wanted] of Object.entries(expected)) {
      for (const role of wanted) expect(roles.get(source)?.has(role), `${source} ${role}`).toBe(true);
    }
  });

  it("nests TAC runtime agents under an orchestrator run", () => {
    const runIds = new Set(ofType("run").map((e) => String(body(e).runId)));
    const tacChildren = ofType("run").filter((e) => body(e).agentType === "planner");
    expect(tacChildren.length).toBeGreaterThan(0);
    for (const e of tacChildren) expect(runIds.has(String(body(e).parentRunId))).toBe(true);
  });

  it("has the status mix: running, awaiting approval, failed, mostly completed", () => {
    const counts: Record<string, number> = {};
    for (const s of latestSessions(events).values()) {
      const status = normalizeStatus(String(s.status)) ?? "unknown";
      counts[status] = (counts[status] ?? 0) + 1;
    }
    expect(counts.running ?? 0).toBeGreaterThanOrEqual(3);
    expect(counts.awaiting_approval ?? 0).toBeGreaterThanOrEqual(2);
    expect(counts.failed ?? 0).toBeGreaterThanOrEqual(3);
    expect(counts.completed ?? 0).toBeGreaterThan(40 / 2);
    expect(counts.unknown).toBeUndefined();
  });

  it("pauses awaiting sessions at Studio's human gate", () => {
    const waiting = [...latestSessions(events).values()].filter((s) => s.status === "awaiting_approval");
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    for (const s of waiting) {
      expect(s.source).toBe("studio");
      expect(s.phase).toBe("human_gate");
    }
  });

  it("includes BAZINGA revision cycles and estimated token usage", () => {
    expect(ofType("task").some((e) => Number(body(e).revisionCount) >= 2)).toBe(true);
    expect(ofType("task").some((e) => body(e).reviewStatus === "CHANGES_REQUESTED")).toBe(true);
    const estimated = ofType("llm_call").filter((e) => body(e).estimated === true);
    expect(estimated.length).toBeGreaterThan(0);
    for (const e of estimated) {
      expect(body(e).totalTokens).toBeGreaterThan(0);
      expect(body(e).inputTokens).toBeUndefined();
    }
    expect(ofType("decision").some((e) => body(e).decisionType === "escalate_model")).toBe(true);
  });

  it("reports usage with OpenTelemetry semantics on several models", () => {
    const calls = ofType("llm_call")
      .map(body)
      .filter((b) => b.inputTokens !== undefined && b.status !== "failed");
    for (const c of calls) {
      const input = Number(c.inputTokens);
      const output = Number(c.outputTokens);
      expect(input).toBeGreaterThanOrEqual(Number(c.cacheReadTokens) + Number(c.cacheWriteTokens));
      expect(output).toBeGreaterThanOrEqual(Number(c.reasoningTokens));
      expect(c.totalTokens).toBe(input + output);
    }
    const models = new Set(ofType("llm_call").map((e) => body(e).model));
    for (const m of [
      "claude-sonnet-4-20250514",
      "claude-opus-4-20250514",
      "claude-3-5-haiku-20241022",
      "gpt-4o",
      "gpt-4o-mini",
    ]) {
      expect(models.has(m), m).toBe(true);
    }
    expect(calls.some((c) => Number(c.reasoningTokens) > 0)).toBe(true);
    expect(ofType("llm_call").some((e) => typeof body(e).costUsd === "number")).toBe(true);
  });

  it("chains Studio checkpoints", () => {
    const checkpoints = ofType("state").filter((e) => body(e).kind === "checkpoint");
    const ids = new Set(checkpoints.map((e) => String(body(e).checkpointId)));
    const withParent = checkpoints.filter((e) => body(e).parentCheckpointId !== undefined);
    expect(withParent.length).toBeGreaterThan(0);
    for (const e of withParent) expect(ids.has(String(body(e).parentCheckpointId))).toBe(true);
  });

  it("scales to many sessions", () => {
    const big = generateDemoEvents({ now: NOW, sessions: 200 });
    const ids = new Set(big.filter((e) => e.type === "session").map((e) => String(body(e).sessionId)));
    expect(ids.size).toBe(200);
    expect(new Set(big.map((e) => e.id)).size).toBe(big.length);
    expect(generateDemoEvents({ now: NOW, sessions: 0 })).toEqual([]);
  });
});
