import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema } from "@/lib/api/errors";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createGate } from "./create-gate";
import { decideGate } from "./decide-gate";
import { gateWaiterCount } from "./gate-waiters";
import { createGateRequestSchema, gateResponseSchema, GATE_LIMITS, type GateResponse } from "./schemas";

type Call = { status: number; body: unknown; ms: number };

describe.each(databaseKinds())("gates API on %s", (kind) => {
  let t: TestDatabase;
  let key: string;
  let otherKey: string;
  let projectId: string;
  let approverId: string;

  async function call(method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<Call> {
    const start = Date.now();
    const res = await dispatch(
      new Request(`${BASE_URL}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.key ?? key}`,
          "content-type": "application/json",
          "user-agent": "agent/1.0",
        },
        body:
          options.body === undefined
            ? undefined
            : typeof options.body === "string"
              ? options.body
              : JSON.stringify(options.body),
      }),
    );
    const body: unknown = await res.json();
    return { status: res.status, body, ms: Date.now() - start };
  }
  const gateOf = (c: Call): GateResponse => gateResponseSchema.parse(c.body);
  const errorOf = (c: Call) => apiErrorSchema.parse(c.body).error;
  const open = (sessionId: string, body: Record<string, unknown>, k?: string) =>
    call("POST", `/api/v1/sessions/${sessionId}/gates`, { body, key: k });
  const internalId = async (gateId: string) =>
    (await t.db.gate.findFirstOrThrow({ where: { projectId, externalId: gateId } })).id;
  const approver = () => ({ userId: approverId, email: "april@example.com", name: "April", role: "approver" });
  const sessionStatus = async (sessionId: string) =>
    (await t.db.session.findFirstOrThrow({ where: { projectId, externalId: sessionId } })).status;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "alpha")).id;
    const other = await ensureProject(t.db, "beta");
    key = (await createApiKey(t.db, { projectId, name: "agent" })).key;
    otherKey = (await createApiKey(t.db, { projectId: other.id, name: "other" })).key;
    approverId = (await t.db.user.create({ data: { name: "April", email: "april@example.com", role: "approver" } })).id;
    const now = new Date().toISOString();
    await ingestEvents(
      t.db,
      projectId,
      ["s1", "s2", "s3", "s4", "s5", "s6"].map((s) => ({
        id: s,
        type: "session",
        timestamp: now,
        body: { sessionId: s, status: "running" },
      })),
    );
    await ingestEvents(t.db, other.id, [
      { id: "b1", type: "session", timestamp: now, body: { sessionId: "beta-s", status: "running" } },
    ]);
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  describe("POST /api/v1/sessions/{sessionId}/gates", () => {
    it("opens a pending gate with a 24 h default expiry and puts the session in awaiting_approval", async () => {
      const before = Date.now();
      const res = await open("s1", {
        gateId: "g1",
        title: "Deploy to prod?",
        summary: "3 services",
        payload: { services: ["a", "b", "c"] },
        phase: "deploy",
      });
      expect(res.status).toBe(201);
      const gate = gateOf(res);
      expect(gate).toMatchObject({
        gateId: "g1",
        sessionId: "s1",
        status: "pending",
        title: "Deploy to prod?",
        summary: "3 services",
        payload: { services: ["a", "b", "c"] },
        phase: "deploy",
        allowEdit: false,
        onReject: "fail",
        decision: null,
      });
      const ttl = Date.parse(gate.expiresAt) - before;
      expect(ttl).toBeGreaterThan(GATE_LIMITS.defaultExpiresInSeconds * 1000 - 5_000);
      expect(ttl).toBeLessThanOrEqual(GATE_LIMITS.defaultExpiresInSeconds * 1000 + 5_000);
      expect(await sessionStatus("s1")).toBe("awaiting_approval");
      const audit = await t.db.auditEntry.findFirstOrThrow({
        where: { action: "gate.created", targetId: await internalId("g1") },
      });
      expect(audit).toMatchObject({
        actorType: "api_key",
        actorName: "agent",
        userAgent: "agent/1.0",
        outcome: "success",
      });
      expect(audit.requestId).toBeTruthy();
    });

    it("is idempotent on gateId: the same id again returns the gate unchanged, even in parallel", async () => {
      const again = await open("s1", { gateId: "g1", title: "Something else" });
      expect(again.status).toBe(200);
      expect(gateOf(again)).toMatchObject({ gateId: "g1", title: "Deploy to prod?" });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => open("s2", { gateId: "g-par", title: "Parallel" })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(await t.db.gate.count({ where: { projectId, externalId: "g-par" } })).toBe(1);
      expect(
        await t.db.auditEntry.count({ where: { action: "gate.created", targetId: await internalId("g-par") } }),
      ).toBe(1);
      const conflict = await open("s3", { gateId: "g1", title: "Reuse" });
      expect(conflict.status).toBe(409);
      expect(errorOf(conflict)).toMatchObject({ code: "gate_id_conflict", field: "gateId" });
    });

    it("generates a gateId when none is given", async () => {
      const res = await open("s3", { title: "No id" });
      expect(res.status).toBe(201);
      expect(gateOf(res).gateId).toMatch(/^gate_/);
    });

    it("answers 400 naming the field for bad bodies", async () => {
      const cases: [unknown, string][] = [
        [{}, "title"],
        [{ title: "" }, "title"],
        [{ title: 5 }, "title"],
        [{ title: "x", expiresInSeconds: GATE_LIMITS.maxExpiresInSeconds + 1 }, "expiresInSeconds"],
        [{ title: "x", expiresInSeconds: 0 }, "expiresInSeconds"],
        [{ title: "x", expiresInSeconds: 1.5 }, "expiresInSeconds"],
        [{ title: "x", allowEdit: "yes" }, "allowEdit"],
        [{ title: "x", onReject: "explode" }, "onReject"],
        [{ title: "x", gateId: "" }, "gateId"],
      ];
      for (const [body, path] of cases) {
        const res = await open("s3", body as Record<string, unknown>);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(errorOf(res).field).toBe(path);
        expect(errorOf(res).message).toContain(path);
      }
      expect((await call("POST", "/api/v1/sessions/s3/gates", { body: "[1]" })).status).toBe(400);
      expect(errorOf(await call("POST", "/api/v1/sessions/s3/gates", { body: "{nope" }))).toMatchObject({
        code: "invalid_json",
      });
      expect((await open("s3", { title: "x", expiresInSeconds: GATE_LIMITS.maxExpiresInSeconds })).status).toBe(201);
    });

    it("answers 404 for an unknown session or another project's session", async () => {
      expect((await open("nope", { title: "x" })).status).toBe(404);
      expect((await open("beta-s", { title: "x" })).status).toBe(404);
      expect((await open("s3", { title: "x" }, otherKey)).status).toBe(404);
      expect((await open("s3", { title: "x" }, "obs_bad")).status).toBe(401);
    });
  });

  describe("GET /api/v1/gates/{gateId}", () => {
    it("returns the current state at once without wait, and 404 across projects", async () => {
      const res = await call("GET", "/api/v1/gates/g1");
      expect(res.status).toBe(200);
      expect(gateOf(res)).toMatchObject({ gateId: "g1", status: "pending" });
      expect((await call("GET", "/api/v1/gates/g1", { key: otherKey })).status).toBe(404);
      expect((await call("GET", "/api/v1/gates/unknown?wait=5")).status).toBe(404);
      expect(errorOf(await call("GET", "/api/v1/gates/g1?wait=61"))).toMatchObject({ field: "wait" });
      expect(errorOf(await call("GET", "/api/v1/gates/g1?wait=soon"))).toMatchObject({ field: "wait" });
    });

    it("long-polls: returns within 1 s of a decision made while waiting", async () => {
      await open("s4", { gateId: "g-wait", title: "Wait for me", allowEdit: true, payload: { n: 1 } });
      const waiting = call("GET", "/api/v1/gates/g-wait?wait=10");
      await new Promise((r) => setTimeout(r, 150));
      expect(gateWaiterCount()).toBe(1);
      const result = await decideGate(t.db, {
        gateId: await internalId("g-wait"),
        action: "edit_approve",
        payload: '{"n":2}',
        actor: approver(),
      });
      const decidedAt = Date.now();
      expect(result.kind).toBe("decided");
      const res = await waiting;
      const latency = Date.now() - decidedAt;
      console.log(`[gates] ${kind}: long-poll woke ${latency} ms after an in-process decision`);
      expect(latency).toBeLessThan(1_000);
      expect(gateOf(res)).toMatchObject({
        status: "approved",
        payload: { n: 1 },
        decision: { by: { email: "april@example.com", name: "April" }, payload: { n: 2 }, edited: true, comment: null },
      });
      expect(gateWaiterCount()).toBe(0);
      expect(await sessionStatus("s4")).toBe("running");
    });

    it("long-polls: sees a decision committed by another server process within 1 s (database poll)", async () => {
      await open("s5", { gateId: "g-remote", title: "Remote" });
      const waiting = call("GET", "/api/v1/gates/g-remote?wait=10");
      await new Promise((r) => setTimeout(r, 150));
      // another process's commit: the row changes with no in-process wake-up
      await t.db.gate.updateMany({
        where: { projectId, externalId: "g-remote" },
        data: { status: "rejected", decidedAt: new Date(), decisionComment: "no" },
      });
      const changedAt = Date.now();
      const res = await waiting;
      const latency = Date.now() - changedAt;
      console.log(`[gates] ${kind}: long-poll saw another process's decision after ${latency} ms`);
      expect(latency).toBeLessThan(1_000);
      expect(gateOf(res)).toMatchObject({ status: "rejected", decision: { comment: "no", by: null } });
    });

    it("returns a decision made before the wait began at once", async () => {
      const res = await call("GET", "/api/v1/gates/g-wait?wait=30");
      expect(res.ms).toBeLessThan(500);
      expect(gateOf(res).status).toBe("approved");
    });

    it("returns the pending state when the wait ends, and expired when the deadline falls inside the wait", async () => {
      const pending = await call("GET", "/api/v1/gates/g1?wait=0.3");
      expect(pending.ms).toBeGreaterThanOrEqual(290);
      expect(pending.ms).toBeLessThan(1_500);
      expect(gateOf(pending).status).toBe("pending");
      // opened 60 s ago (minus 300 ms) with a 60 s expiry: it expires during the wait
      const soon = await createGate(
        t.db,
        {
          projectId,
          sessionId: "s6",
          request: createGateRequestSchema.parse({ gateId: "g-soon", title: "Soon", expiresInSeconds: 60 }),
          actor: { keyId: "k", keyName: "agent" },
        },
        new Date(Date.now() - 59_700),
      );
      expect(soon.kind).toBe("created");
      const expired = await call("GET", "/api/v1/gates/g-soon?wait=10");
      expect(expired.ms).toBeLessThan(1_500);
      expect(gateOf(expired)).toMatchObject({ status: "expired", decision: null });
      expect(await sessionStatus("s6")).toBe("failed");
      expect(
        await t.db.auditEntry.count({ where: { action: "gate.expired", targetId: await internalId("g-soon") } }),
      ).toBe(1);
    });
  });

  describe("DELETE /api/v1/gates/{gateId}", () => {
    it("lets only the owning project cancel its pending gate; the session resumes", async () => {
      await open("s2", { gateId: "g-cancel", title: "Cancel me" });
      expect((await call("DELETE", "/api/v1/gates/g-cancel", { key: otherKey })).status).toBe(404);
      const waiting = call("GET", "/api/v1/gates/g-cancel?wait=10");
      const res = await call("DELETE", "/api/v1/gates/g-cancel");
      expect(res.status).toBe(200);
      expect(gateOf(res)).toMatchObject({ status: "cancelled", decision: null });
      expect(gateOf(await waiting).status).toBe("cancelled");
      // g-par on s2 is still pending, so s2 keeps waiting; cancel it too
      expect(await sessionStatus("s2")).toBe("awaiting_approval");
      expect((await call("DELETE", "/api/v1/gates/g-par")).status).toBe(200);
      expect(await sessionStatus("s2")).toBe("running");
      expect(gateOf(await call("DELETE", "/api/v1/gates/g-cancel"))).toMatchObject({ status: "cancelled" });
      const audit = await t.db.auditEntry.findMany({
        where: { action: "gate.cancelled", targetId: await internalId("g-cancel") },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: "api_key", actorName: "agent" });
      // a cancelled gate cannot be decided
      expect(
        await decideGate(t.db, { gateId: await internalId("g-cancel"), action: "approve", actor: approver() }),
      ).toMatchObject({ kind: "already_decided", status: "cancelled", message: "already cancelled by the agent" });
    });

    it("refuses to cancel a decided gate (409) and answers 404 for unknown gates", async () => {
      const res = await call("DELETE", "/api/v1/gates/g-wait");
      expect(res.status).toBe(409);
      expect(errorOf(res)).toMatchObject({ code: "already_decided", message: expect.stringContaining("April") });
      expect((await call("DELETE", "/api/v1/gates/unknown")).status).toBe(404);
    });
  });
});
