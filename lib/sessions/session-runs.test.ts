import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { findSessionPage } from "./session-page";
import { loadTimeline } from "./session-runs";

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
let seq = 0;
function ev<T extends IngestEventInput["type"]>(
  type: T,
  s: number,
  body: Extract<IngestEventInput, { type: T }>["body"],
): IngestEventInput {
  return { id: `t${++seq}`, type, timestamp: at(s), body } as IngestEventInput;
}

// A root at 0–100 s with a child at 10–90 s and, under it, a grandchild every 10 s from
// 20 s (each 5 s long, the one at 50 s failed); a second root at 200 s; a pending run (ingest
// gives it its event's time as start) that an active run's bar extends to now.
const runs: IngestEventInput[] = [
  ev("run", 0, {
    runId: "root",
    sessionId: "s-tl",
    agentType: "pm",
    status: "completed",
    startedAt: at(0),
    endedAt: at(100),
  }),
  ev("run", 10, {
    runId: "child",
    sessionId: "s-tl",
    agentType: "dev",
    parentRunId: "root",
    status: "completed",
    startedAt: at(10),
    endedAt: at(90),
  }),
  ...[20, 30, 40, 50, 60, 70].map((s) =>
    ev("run", s, {
      runId: `g${s}`,
      sessionId: "s-tl",
      agentType: "qa",
      parentRunId: "child",
      status: s === 50 ? "failed" : "completed",
      startedAt: at(s),
      endedAt: at(s + 5),
    }),
  ),
  ev("run", 200, {
    runId: "late",
    sessionId: "s-tl",
    agentType: "pm",
    status: "completed",
    startedAt: at(200),
    endedAt: at(210),
  }),
  ev("run", 0, { runId: "waiting", sessionId: "s-tl", agentType: "pm", status: "pending" }),
  ev("llm_call", 31, {
    callId: "c1",
    sessionId: "s-tl",
    runId: "g30",
    model: "gpt-4o",
    inputTokens: 10,
    outputTokens: 5,
  }),
];

/** more runs than one statement may bind ids for (SQLite's driver allows 999) */
const MANY = 1_100;

describe.each(databaseKinds())("timeline on %s", (kind) => {
  let t: TestDatabase;
  let sessionId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    const project = (await ensureProject(t.db, "alpha")).id;
    const many = Array.from({ length: MANY }, (_, i) =>
      ev("run", i, { runId: `m${i}`, sessionId: "s-many", agentType: "dev", status: "completed", startedAt: at(i) }),
    );
    const results = await ingestEvents(t.db, project, [
      ev("session", 0, { sessionId: "s-tl", title: "Timeline", status: "running", source: "api" }),
      ...runs,
      ev("session", 0, { sessionId: "s-many", title: "Many", status: "running", source: "api" }),
      ...many,
      ev("llm_call", MANY, {
        callId: "cm",
        sessionId: "s-many",
        runId: `m${MANY - 1}`,
        inputTokens: 1,
        outputTokens: 1,
      }),
    ]);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    const found = await findSessionPage("s-tl");
    if (found.kind !== "found") throw new Error(found.kind);
    sessionId = found.session.id;
  });

  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("lists a small session whole, with lanes over its span", async () => {
    const timeline = await loadTimeline(sessionId, undefined, new Date(T0 + 1_000_000));
    expect(timeline.window).toEqual({ from: T0, to: T0 + 1_000_000 + 1 });
    expect(timeline.detail).toBe(true);
    expect(timeline.runs.map((r) => r.externalId).sort()).toEqual(
      ["child", "g20", "g30", "g40", "g50", "g60", "g70", "late", "root", "waiting"].sort(),
    );
    expect(timeline.runs.find((r) => r.externalId === "g30")).toMatchObject({ tokens: 15, calls: 1 });
    expect(timeline.overview.runs).toBe(10);
    expect(timeline.overview.untimed).toBe(0);
    expect(timeline.overview.lanes.map((l) => [l.agentType, l.runs, l.failed])).toEqual([
      ["dev", 1, 0],
      ["pm", 3, 0],
      ["qa", 6, 1],
    ]);
  });

  it("aggregates only, past the limit", async () => {
    const timeline = await loadTimeline(sessionId, undefined, new Date(), 5);
    expect(timeline.detail).toBe(false);
    expect(timeline.runs).toEqual([]);
    expect(timeline.overview.runs).toBe(10);
  });

  it("lists a window's runs with the ancestors that start before it", async () => {
    const timeline = await loadTimeline(sessionId, { from: T0 + 35_000, to: T0 + 65_000 }, new Date(), 5);
    expect(timeline.detail).toBe(true);
    expect(timeline.overview.runs).toBe(3);
    const byId = new Map(timeline.runs.map((r) => [r.id, r.externalId]));
    expect(timeline.runs.map((r) => r.externalId).sort()).toEqual(["child", "g40", "g50", "g60", "root"]);
    expect(timeline.contextIds.map((id) => byId.get(id)).sort()).toEqual(["child", "root"]);
    expect(timeline.truncated).toBe(0);
  });

  it("lists the first runs of a window too narrow to split, and says how many it left out", async () => {
    const timeline = await loadTimeline(sessionId, { from: T0 + 20_000, to: T0 + 20_500 }, new Date(), 0);
    expect(timeline.detail).toBe(true);
    expect(timeline.truncated).toBe(1);
  });

  it("lists more runs than one statement can bind, with their usage", async () => {
    const found = await findSessionPage("s-many");
    if (found.kind !== "found") throw new Error(found.kind);
    const timeline = await loadTimeline(found.session.id, undefined, new Date(), 2_000);
    expect(timeline.runs).toHaveLength(MANY);
    expect(timeline.runs.find((r) => r.externalId === `m${MANY - 1}`)?.calls).toBe(1);
  });

  it("reads only the session it is given", async () => {
    const timeline = await loadTimeline("no-such-session");
    expect(timeline.overview.runs + timeline.overview.untimed).toBe(0);
    expect(timeline.runs).toEqual([]);
  });
});
