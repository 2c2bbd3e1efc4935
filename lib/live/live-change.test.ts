import { describe, expect, it } from "vitest";
import {
  changeFromEvents,
  concernsKinds,
  concernsSession,
  encodeChange,
  MAX_SESSION_IDS,
  mergeChanges,
  parseChange,
  resyncChange,
} from "./live-change";

describe("changeFromEvents", () => {
  it("lists the sessions and kinds of a batch, sorted and without repeats", () => {
    const change = changeFromEvents(
      "p1",
      [
        { type: "log", body: { sessionId: "s2", message: "x" } },
        { type: "session", body: { sessionId: "s1" } },
        { type: "log", body: { sessionId: "s2", message: "y" } },
        { type: "agent", body: { agentId: "a" } },
      ],
      5,
    );
    expect(change).toEqual({ projectId: "p1", sessionIds: ["s1", "s2"], kinds: ["agent", "log", "session"], at: 5 });
  });

  it("says nothing for an empty batch", () => {
    expect(changeFromEvents("p1", [])).toBeUndefined();
  });

  it("says 'many sessions' past the bound, so the payload stays small", () => {
    const events = Array.from({ length: MAX_SESSION_IDS + 1 }, (_, i) => ({
      type: "log",
      body: { sessionId: `s${i}` },
    }));
    const change = changeFromEvents("p1", events);
    expect(change?.sessionIds).toBeNull();
    expect(encodeChange(change!).length).toBeLessThan(8000);
  });
});

describe("mergeChanges", () => {
  it("unions sessions and kinds of one project", () => {
    const merged = mergeChanges(
      { projectId: "p", sessionIds: ["a"], kinds: ["log"], at: 1 },
      { projectId: "p", sessionIds: ["b", "a"], kinds: ["run"], at: 2 },
    );
    expect(merged).toEqual({ projectId: "p", sessionIds: ["a", "b"], kinds: ["log", "run"], at: 2 });
  });

  it("widens to any project and any session when projects differ", () => {
    const merged = mergeChanges(
      { projectId: "p", sessionIds: ["a"], kinds: ["log"], at: 1 },
      { projectId: "q", sessionIds: ["b"], kinds: ["log"], at: 1 },
    );
    expect(merged.projectId).toBeNull();
    expect(merged.sessionIds).toBeNull();
  });
});

describe("parseChange", () => {
  it("round-trips an encoded change", () => {
    const change = { projectId: "p", sessionIds: ["s"], kinds: ["log"], at: 3 };
    expect(parseChange(encodeChange(change))).toEqual(change);
  });

  it("rejects anything else", () => {
    expect(parseChange("not json")).toBeUndefined();
    expect(parseChange(JSON.stringify({ projectId: 1 }))).toBeUndefined();
  });
});

describe("concerns", () => {
  const session = { projectId: "p", externalId: "s1" };
  it("matches the session's own changes and resyncs", () => {
    expect(concernsSession({ projectId: "p", sessionIds: ["s1"], kinds: ["log"], at: 0 }, session)).toBe(true);
    expect(concernsSession({ projectId: "p", sessionIds: ["s2"], kinds: ["log"], at: 0 }, session)).toBe(false);
    expect(concernsSession({ projectId: "q", sessionIds: ["s1"], kinds: ["log"], at: 0 }, session)).toBe(false);
    expect(concernsSession(resyncChange(), session)).toBe(true);
  });

  it("matches kinds, and a resync matches every kind", () => {
    expect(concernsKinds({ projectId: "p", sessionIds: [], kinds: ["log"], at: 0 }, ["log"])).toBe(true);
    expect(concernsKinds({ projectId: "p", sessionIds: [], kinds: ["run"], at: 0 }, ["log"])).toBe(false);
    expect(concernsKinds(resyncChange(), ["log"])).toBe(true);
  });
});
