import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { createApiKey } from "@/lib/auth/api-keys";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { compareSessions } from "./compare-sessions";
import { clearSessionFacetsCache, sessionFacets } from "./session-facets";
import { parseSessionFilters, type SessionFilters } from "./session-filters";
import { listSessionPage } from "./session-list-query";
import { DEFAULT_FILTERS } from "./session-list-url";
import { loadLogFacets, loadLogLine, loadLogPage, loadNewLogLines } from "./session-logs";
import { findSessionPage } from "./session-page";
import {
  loadArtifactBody,
  loadArtifacts,
  loadDecisions,
  loadMessageEdges,
  loadMessageWindow,
  loadStateData,
  loadStates,
  loadTasks,
} from "./session-records";
import { loadCallContent, loadRunDetail, loadTimeline } from "./session-runs";
import { loadSessionUsage } from "./session-usage";

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
let seq = 0;
function ev<T extends IngestEventInput["type"]>(
  type: T,
  s: number,
  body: Extract<IngestEventInput, { type: T }>["body"],
): IngestEventInput {
  return { id: `e${++seq}`, type, timestamp: at(s), body } as IngestEventInput;
}

const filters = (f: Partial<SessionFilters>): SessionFilters => ({ ...DEFAULT_FILTERS, ...f });

describe.each(databaseKinds())("session views on %s", (kind) => {
  let t: TestDatabase;
  let alphaKey: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
    overrideDbForTests({ db: t.db, kind });
    clearSessionFacetsCache();
    const alpha = (await ensureProject(t.db, "alpha")).id;
    const beta = (await ensureProject(t.db, "beta")).id;
    alphaKey = (await createApiKey(t.db, { projectId: alpha, name: "views" })).key;
    const logs = Array.from({ length: 25 }, (_, i) =>
      ev("log", 100 + i, {
        sessionId: "s-big",
        agentType: i % 2 ? "dev" : "qa",
        level: i === 7 ? "error" : "info",
        kind: "log",
        message: `line ${i}`,
        details: { i },
      }),
    );
    const results = await ingestEvents(t.db, alpha, [
      ev("session", 0, {
        sessionId: "s-big",
        title: "Rate limiter",
        mission: "Build a token bucket",
        status: "running",
        phase: "eng",
        source: "bazinga",
        iteration: 3,
      }),
      ev("session", 50, { sessionId: "s-big", phase: "qa" }),
      ev("run", 1, {
        runId: "r-pm",
        sessionId: "s-big",
        agentType: "pm",
        status: "completed",
        startedAt: at(1),
        endedAt: at(20),
        input: "plan it",
      }),
      ev("run", 21, {
        runId: "r-dev",
        sessionId: "s-big",
        agentType: "dev",
        parentRunId: "r-pm",
        status: "failed",
        startedAt: at(21),
        endedAt: at(60),
      }),
      ev("llm_call", 22, {
        callId: "c1",
        sessionId: "s-big",
        runId: "r-dev",
        agentType: "dev",
        model: "gpt-4o",
        inputTokens: 1000,
        outputTokens: 500,
        prompt: "p",
        response: "r",
      }),
      ev("llm_call", 23, {
        callId: "c2",
        sessionId: "s-big",
        runId: "r-pm",
        agentType: "pm",
        model: "mystery",
        inputTokens: 10,
        outputTokens: 5,
      }),
      ...logs,
      ev("message", 30, { messageId: "m1", sessionId: "s-big", from: "pm", to: "dev", content: "do it" }),
      ev("message", 31, { messageId: "m2", sessionId: "s-big", from: "dev", to: "pm", content: "done", replyTo: "m1" }),
      ev("message", 32, { messageId: "m3", sessionId: "s-big", from: "pm", to: "dev", content: "again" }),
      ev("task", 33, {
        taskId: "g1",
        sessionId: "s-big",
        name: "Group A",
        status: "in_progress",
        revisionCount: 2,
        dependsOn: ["g0"],
      }),
      ev("state", 34, { sessionId: "s-big", kind: "pm", data: { phase: "pm" }, checkpointId: "cp1" }),
      ev("state", 35, {
        sessionId: "s-big",
        kind: "pm",
        data: { phase: "eng" },
        checkpointId: "cp2",
        parentCheckpointId: "cp1",
      }),
      ev("decision", 36, { sessionId: "s-big", decisionType: "spawn_agent", data: { agent: "dev" } }),
      ev("artifact", 37, {
        artifactId: "a1",
        sessionId: "s-big",
        type: "doc",
        name: "README",
        content: "# Hi",
        data: { ok: true },
      }),
      ev("session", 200, { sessionId: "s-small", title: "Docs", status: "completed", source: "tac", endedAt: at(210) }),
      ev("session", 300, { sessionId: "dup", title: "Alpha dup", status: "failed", source: "tac", endedAt: at(400) }),
    ]);
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const more = await ingestEvents(t.db, beta, [
      ev("session", 500, { sessionId: "dup", title: "Beta dup", status: "awaiting_approval", source: "studio" }),
      ev("llm_call", 501, { callId: "c3", sessionId: "dup", model: "gpt-4o", inputTokens: 5000, outputTokens: 10 }),
    ]);
    expect(more.filter((r) => r.status !== 201)).toEqual([]);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    clearSessionFacetsCache();
    await t.drop();
  });

  it("filters the list and pages through it by cursor in every sort", async () => {
    const now = new Date(T0 + 1000_000);
    expect(
      (await listSessionPage(t.db, filters({ status: ["failed", "awaiting_approval"] }), 50, now)).items
        .map((s) => s.label)
        .sort(),
    ).toEqual(["Alpha dup", "Beta dup"]);
    expect(
      (await listSessionPage(t.db, filters({ q: "TOKEN BUCKET" }), 50, now)).items.map((s) => s.externalId),
    ).toEqual(["s-big"]);
    expect((await listSessionPage(t.db, filters({ agent: "dev" }), 50, now)).items.map((s) => s.externalId)).toEqual([
      "s-big",
    ]);
    expect((await listSessionPage(t.db, filters({ project: "beta" }), 50, now)).items.map((s) => s.label)).toEqual([
      "Beta dup",
    ]);
    expect(
      (await listSessionPage(t.db, filters({ errors: true, phase: "qa" }), 50, now)).items.map((s) => s.externalId),
    ).toEqual(["s-big"]);
    expect(
      (await listSessionPage(t.db, filters({ source: "tac", from: at(250) }), 50, now)).items.map((s) => s.label),
    ).toEqual(["Alpha dup"]);
    for (const sort of ["updated", "started", "duration", "tokens", "cost"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 5; i++) {
          const page = await listSessionPage(t.db, filters({ sort, dir, cursor }), 1, now);
          seen.push(...page.items.map((s) => s.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(4);
      }
    }
    const byTokens = await listSessionPage(t.db, filters({ sort: "tokens" }), 10, now);
    expect(byTokens.items[0]?.label).toBe("Beta dup");
    const byDuration = await listSessionPage(t.db, filters({ sort: "duration", dir: "desc" }), 10, now);
    expect(byDuration.items[0]?.externalId).toBe("s-big"); // still running: runs to now
  });

  it("gives the same sessions through the page's loader and the API for the same filter", async () => {
    const api = async (query: string) => {
      const response = await dispatch(
        new Request(`${BASE_URL}/api/v1/sessions?${query}`, { headers: { authorization: `Bearer ${alphaKey}` } }),
      );
      return {
        status: response.status,
        body: (await response.json()) as {
          data: { sessionId: string }[];
          nextCursor: string | null;
          error?: { message: string };
        },
      };
    };
    const queries = [
      "status=failed,running",
      "q=token%20bucket",
      "agent=dev",
      "errors=1&phase=qa",
      "source=tac&from=" + encodeURIComponent(at(250)),
      "sort=tokens&dir=asc",
      "sort=duration",
      "sort=updated&to=2026-03-01",
    ];
    for (const query of queries) {
      // the key reads project alpha; the page narrows to it by slug
      const page = await listSessionPage(
        t.db,
        parseSessionFilters({ ...Object.fromEntries(new URLSearchParams(query)), project: "alpha" }),
        50,
      );
      const { status, body } = await api(query);
      expect(status, query).toBe(200);
      expect(
        body.data.map((s) => s.sessionId),
        query,
      ).toEqual(page.items.map((s) => s.externalId));
      expect(body.data.length, query).toBeGreaterThan(0);
    }
    // the API pages by the same cursor, newest started first by default
    const first = await api("limit=1");
    expect(first.body.data.map((s) => s.sessionId)).toEqual(["dup"]);
    const second = await api(`limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((s) => s.sessionId)).toEqual(["s-small"]);
    // a cursor it did not make, or made for another sort, is a 400 naming the cursor
    for (const cursor of ["garbage", first.body.nextCursor!]) {
      const bad = await api(`sort=tokens&cursor=${cursor}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error?.message).toBe("cursor: not a cursor this API returned");
    }
    // a bad filter is a 400 in the API and dropped by the page
    expect((await api("errors=maybe")).status).toBe(400);
    expect(parseSessionFilters({ errors: "maybe", sort: "tokens" })).toEqual({ ...DEFAULT_FILTERS, sort: "tokens" });
  });

  it("offers the filter values in use", async () => {
    const facets = await sessionFacets();
    expect(facets.sources).toEqual(["bazinga", "studio", "tac"]);
    expect(facets.agentTypes).toEqual(["dev", "pm"]);
    expect(facets.projects.map((p) => p.slug)).toEqual(["alpha", "beta"]);
  });

  it("finds a session by external id, asking when two projects share it", async () => {
    const found = await findSessionPage("s-big");
    if (found.kind !== "found") throw new Error(found.kind);
    expect(found.session).toMatchObject({ status: "running", phase: "qa", iteration: 3, projectSlug: "alpha" });
    expect(found.session.phases.map((p) => p.phase)).toEqual(["eng", "qa"]);
    expect(found.session.counts).toEqual({
      runs: 2,
      logs: 25,
      messages: 3,
      tasks: 1,
      states: 2,
      decisions: 1,
      artifacts: 1,
      gates: 0,
      llmCalls: 2,
      sourceRecords: 0,
    });
    expect(found.session.pendingGate).toBeNull();
    // a pending gate shows as the header's banner (gates are created by the gates feature)
    await t.db.gate.create({
      data: {
        projectId: found.session.projectId,
        sessionId: found.session.id,
        externalId: "g-1",
        title: "Approve the plan",
        expiresAt: new Date(T0 + 3_600_000),
      },
    });
    const gated = await findSessionPage("s-big");
    expect(gated.kind === "found" && gated.session.counts.gates).toBe(1);
    expect(gated.kind === "found" && gated.session.pendingGate).toMatchObject({
      externalId: "g-1",
      title: "Approve the plan",
    });
    const dup = await findSessionPage("dup");
    expect(dup.kind).toBe("ambiguous");
    const exact = await findSessionPage("dup", "beta");
    expect(exact.kind === "found" && exact.session.title).toBe("Beta dup");
    expect((await findSessionPage("nope")).kind).toBe("missing");
  });

  it("loads the timeline, a run's calls and logs, and a call's bodies", async () => {
    const s = await findSessionPage("s-big");
    if (s.kind !== "found") throw new Error(s.kind);
    const timeline = await loadTimeline(s.session.id);
    expect(timeline.runs.map((r) => [r.externalId, r.tokens, r.calls])).toEqual([
      ["r-pm", 15, 1],
      ["r-dev", 1500, 1],
    ]);
    const dev = timeline.runs[1]!;
    expect(dev.parentRunId).toBe(timeline.runs[0]!.id);
    const detail = await loadRunDetail(s.session.id, dev.id);
    expect(detail?.calls.map((c) => c.externalId)).toEqual(["c1"]);
    expect(await loadCallContent(s.session.id, detail!.calls[0]!.id)).toMatchObject({ prompt: "p", response: "r" });
    expect(await loadRunDetail("other-session", dev.id)).toBeNull();
  });

  it("pages logs backwards, filters them and tails new lines", async () => {
    const s = await findSessionPage("s-big");
    if (s.kind !== "found") throw new Error(s.kind);
    const id = s.session.id;
    const newest = await loadLogPage(id, {}, null, 10);
    expect(newest.lines.map((l) => l.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${15 + i}`));
    const older = await loadLogPage(id, {}, newest.olderCursor, 10);
    expect(older.lines[9]?.message).toBe("line 14");
    const oldest = await loadLogPage(id, {}, older.olderCursor, 10);
    expect(oldest.lines).toHaveLength(5);
    expect(oldest.olderCursor).toBeNull();
    expect((await loadLogPage(id, { level: "error" })).lines.map((l) => l.message)).toEqual(["line 7"]);
    expect((await loadLogPage(id, { agent: "qa", q: "LINE 2" })).lines.map((l) => l.message)).toEqual([
      "line 2",
      "line 20",
      "line 22",
      "line 24",
    ]);
    const last = newest.lines[newest.lines.length - 1]!;
    expect((await loadNewLogLines(id, {}, last.id)).lines).toEqual([]);
    expect((await loadNewLogLines(id, {}, newest.lines[0]!.id, 3)).more).toBe(true);
    expect(await loadLogLine(id, last.id)).toEqual({ message: "line 24", details: { i: 24 } });
    expect(await loadLogFacets(id)).toEqual({ levels: ["error", "info"], kinds: ["log"], agents: ["dev", "qa"] });
  });

  it("starts the live tail after every stored event when a search matches nothing", async () => {
    const alpha = (await ensureProject(t.db, "alpha")).id;
    const storedUpTo = async () => (await t.db.event.aggregate({ _max: { id: true } }))._max.id;
    const ingest = async (...events: IngestEventInput[]) =>
      expect((await ingestEvents(t.db, alpha, events)).filter((r) => r.status !== 201)).toEqual([]);
    await ingest(
      ev("session", 600, { sessionId: "s-tail", title: "Tail", status: "running" }),
      ev("log", 601, { sessionId: "s-tail", message: "hay 1" }),
    );
    const s = await findSessionPage("s-tail");
    if (s.kind !== "found") throw new Error(s.kind);
    const id = s.session.id;
    const page = await loadLogPage(id, { q: "needle" });
    expect(page.lines).toEqual([]);
    expect(page.tailAfter).toBe(await storedUpTo());
    await ingest(
      ev("log", 602, { sessionId: "s-tail", message: "needle 1" }),
      ev("log", 603, { sessionId: "s-tail", message: "hay 2" }),
      ev("log", 604, { sessionId: "s-tail", message: "needle 2" }),
    );
    // a full tail page ends at its last line; the next one goes on from there
    const first = await loadNewLogLines(id, { q: "needle" }, page.tailAfter, 1);
    expect(first.lines.map((l) => l.message)).toEqual(["needle 1"]);
    expect(first).toMatchObject({ more: true, tailAfter: first.lines[0]!.id });
    const rest = await loadNewLogLines(id, { q: "needle" }, first.tailAfter, 1);
    expect(rest.lines.map((l) => l.message)).toEqual(["needle 2"]);
    expect(rest).toMatchObject({ more: false, tailAfter: await storedUpTo() });
    await ingest(ev("log", 605, { sessionId: "s-tail", message: "hay 3" }));
    // nothing new matches: the tail still moves past what was stored
    const none = await loadNewLogLines(id, { q: "needle" }, rest.tailAfter);
    expect(none).toMatchObject({ lines: [], more: false, tailAfter: await storedUpTo() });
  });

  it("loads messages, tasks, states, decisions, artifacts and usage", async () => {
    const s = await findSessionPage("s-big");
    if (s.kind !== "found") throw new Error(s.kind);
    const id = s.session.id;
    const first = await loadMessageWindow(id, { to: "start" }, 2);
    expect(first.items.map((m) => m.externalId)).toEqual(["m1", "m2"]);
    expect(first).toMatchObject({ atStart: true, atEnd: false });
    const next = await loadMessageWindow(id, { to: "after", cursor: first.items[1]!.cursor }, 2);
    expect(next.items.map((m) => m.externalId)).toEqual(["m3"]);
    expect(next.atEnd).toBe(true);
    expect(await loadMessageEdges(id)).toEqual([
      { from: "pm", to: "dev", count: 2 },
      { from: "dev", to: "pm", count: 1 },
    ]);
    const tasks = await loadTasks(id);
    expect(tasks.tasks[0]).toMatchObject({
      name: "Group A",
      revisionCount: 2,
      dependencies: [{ dependsOn: "g0", type: "blocks" }],
    });
    const states = await loadStates(id);
    expect(states.items.map((st) => [st.checkpointId, st.parentCheckpointId])).toEqual([
      ["cp1", null],
      ["cp2", "cp1"],
    ]);
    const data = await loadStateData(
      id,
      states.items.map((st) => st.id),
    );
    expect(data.map((d) => d.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { phase: "eng" },
      { phase: "pm" },
    ]);
    expect((await loadDecisions(id)).items[0]).toMatchObject({ decisionType: "spawn_agent", data: { agent: "dev" } });
    const artifacts = await loadArtifacts(id);
    expect(artifacts.items[0]).toMatchObject({ name: "README", type: "doc" });
    expect(await loadArtifactBody(id, artifacts.items[0]!.id)).toEqual({
      data: { ok: true },
      content: "# Hi",
      clipped: false,
    });
    const usage = await loadSessionUsage(id);
    expect(usage.byAgent.find((u) => u.key === "dev")).toMatchObject({ calls: 1, totalTokens: 1500 });
    expect(usage.byModel.find((u) => u.key === "mystery")).toMatchObject({ unknownCostCalls: 1 });
  });

  it("compares sessions by agent type", async () => {
    const comparison = await compareSessions(["alpha/s-big", "s-small", "beta/dup", "missing"]);
    expect(comparison.sessions.map((s) => s.externalId)).toEqual(["s-big", "s-small", "dup"]);
    expect(comparison.sessions[2]?.label).toBe("Beta dup");
    expect(comparison.missing).toEqual(["missing"]);
    const dev = comparison.agentTypes.find((r) => r.agentType === "dev");
    expect(dev?.cells[0]).toMatchObject({ runs: 1, failed: 1, tokens: 1500 });
    expect(dev?.cells[1]).toBeNull();
  });
});
