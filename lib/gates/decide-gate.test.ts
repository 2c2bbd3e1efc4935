import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { LiveChange } from "@/lib/live/live-change";
import { subscribeLive } from "@/lib/live/live-hub";
import { startPgListener } from "@/lib/live/pg-listener";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createGate } from "./create-gate";
import { decideGate, type DecideGateInput, type DecideGateResult } from "./decide-gate";
import { expireOverdueGates } from "./expire-gate";
import { readGate } from "./read-gate";
import { createGateRequestSchema, gateResponseSchema, type GateResponse } from "./schemas";
import { signWebhookBody } from "./webhook";

type User = { userId: string; email: string; name: string; role: string };

describe.each(databaseKinds())("deciding gates on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  let admin: User;
  let approvers: User[];
  let viewer: User;
  let disabled: User;
  let n = 0;

  async function user(
    name: string,
    role: "viewer" | "approver" | "admin",
    extra: { disabled?: boolean } = {},
  ): Promise<User> {
    const row = await t.db.user.create({ data: { name, email: `${name.toLowerCase()}@example.com`, role, ...extra } });
    return { userId: row.id, email: row.email, name: row.name, role: row.role };
  }

  /** A fresh session with one gate; `now` moves the gate's clock (for expiry). */
  async function openGate(
    request: Record<string, unknown> = {},
    now?: Date,
    sessionId = `s-${++n}`,
  ): Promise<{ internalId: string; gate: GateResponse; sessionId: string }> {
    const [result] = await ingestEvents(t.db, projectId, [
      {
        id: `ev-${sessionId}`,
        type: "session",
        timestamp: new Date().toISOString(),
        body: { sessionId, status: "running" },
      },
    ]);
    expect(result?.status === 201 || result?.status === 200).toBe(true);
    const created = await createGate(
      t.db,
      {
        projectId,
        sessionId,
        request: createGateRequestSchema.parse({ title: `Gate ${n}`, ...request }),
        actor: { keyId: "k1", keyName: "agent" },
      },
      now,
    );
    if (created.kind !== "created" && created.kind !== "existing") throw new Error(created.kind);
    const row = await t.db.gate.findUniqueOrThrow({
      where: { projectId_externalId: { projectId, externalId: created.gate.gateId } },
    });
    return { internalId: row.id, gate: created.gate, sessionId };
  }

  const decide = (gateId: string, actor: User, fields: Omit<DecideGateInput, "gateId" | "actor">, now?: Date) =>
    decideGate(t.db, { gateId, actor, ...fields }, now);
  const sessionStatus = async (sessionId: string) =>
    (await t.db.session.findUniqueOrThrow({ where: { projectId_externalId: { projectId, externalId: sessionId } } }))
      .status;
  const auditFor = (internalId: string) =>
    t.db.auditEntry.findMany({ where: { targetId: internalId }, orderBy: { seq: "asc" } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "gates")).id;
    admin = await user("Ada", "admin");
    approvers = await Promise.all(Array.from({ length: 20 }, (_, i) => user(`Approver${i}`, "approver")));
    viewer = await user("Vic", "viewer");
    disabled = await user("Dora", "approver", { disabled: true });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("opens a gate: the session awaits approval and the creation is audited", async () => {
    const { internalId, gate, sessionId } = await openGate({ summary: "Deploy?", payload: { env: "prod" } });
    expect(gateResponseSchema.parse(gate)).toMatchObject({
      status: "pending",
      title: expect.any(String),
      payload: { env: "prod" },
      decision: null,
      onReject: "fail",
    });
    expect(await sessionStatus(sessionId)).toBe("awaiting_approval");
    const [entry] = await auditFor(internalId);
    expect(entry).toMatchObject({
      action: "gate.created",
      outcome: "success",
      actorType: "api_key",
      actorId: "k1",
      actorName: "agent",
      projectId,
    });
  });

  it("lets exactly one of 20 simultaneous decisions win; the others learn who decided", async () => {
    const { internalId, sessionId } = await openGate();
    const results = await Promise.all(
      approvers.map((a, i) =>
        decide(
          internalId,
          a,
          i % 2
            ? { action: "reject", comment: `no from ${a.name}` }
            : { action: "approve", comment: `yes from ${a.name}` },
        ),
      ),
    );
    const winners = results.filter((r): r is Extract<DecideGateResult, { kind: "decided" }> => r.kind === "decided");
    const losers = results.filter(
      (r): r is Extract<DecideGateResult, { kind: "already_decided" }> => r.kind === "already_decided",
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    const won = gateResponseSchema.parse(winners[0]!.gate);
    const by = won.decision!.by!;
    for (const l of losers) {
      expect(l).toMatchObject({ status: won.status, by });
      expect(l.message).toBe(`already ${won.status} by ${by.name} (${by.email})`);
    }
    expect(won.decision!.comment).toContain(by.name);
    const decisions = (await auditFor(internalId)).filter(
      (e) => e.action === "gate.approved" || e.action === "gate.rejected",
    );
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      actorType: "user",
      actorName: by.name,
      actorRole: "approver",
      outcome: "success",
      action: `gate.${won.status}`,
    });
    expect(await sessionStatus(sessionId)).toBe(won.status === "approved" ? "running" : "failed");
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("refuses viewers, disabled and unknown users, auditing each attempt; the gate stays pending", async () => {
    const { internalId, gate } = await openGate();
    expect(await decide(internalId, viewer, { action: "approve", ip: "10.0.0.9", requestId: "r-1" })).toEqual({
      kind: "denied",
      message: "only approvers and admins may decide gates (role viewer may not decide gates)",
    });
    expect(await decide(internalId, disabled, { action: "approve" })).toMatchObject({
      kind: "denied",
      message: expect.stringContaining("disabled"),
    });
    // a claimed role does not count: the stored user decides
    expect(await decide(internalId, { ...viewer, role: "admin" }, { action: "approve" })).toMatchObject({
      kind: "denied",
    });
    expect(
      await decide(
        internalId,
        { userId: "nobody", email: "x@example.com", name: "X", role: "admin" },
        { action: "approve" },
      ),
    ).toMatchObject({ kind: "denied", message: expect.stringContaining("unknown user") });
    const denied = (await auditFor(internalId)).filter((e) => e.action === "gate.denied");
    expect(denied).toHaveLength(4);
    expect(denied[0]).toMatchObject({
      outcome: "denied",
      actorType: "user",
      actorId: viewer.userId,
      actorName: "Vic",
      actorRole: "viewer",
      ip: "10.0.0.9",
      requestId: "r-1",
    });
    expect(denied[0]!.details).toMatchObject({ gateId: gate.gateId, attempted: "approve" });
    expect((await readGate(t.db, projectId, gate.gateId))?.status).toBe("pending");
    expect(await decide(internalId, admin, { action: "approve" })).toMatchObject({
      kind: "decided",
      gate: { status: "approved", decision: { by: { name: "Ada", email: "ada@example.com" } } },
    });
  });

  it("validates decisions and names the field", async () => {
    const { internalId } = await openGate({ payload: { n: 1 } });
    expect(await decide(internalId, admin, { action: "reject" })).toMatchObject({ kind: "invalid", field: "comment" });
    expect(await decide(internalId, admin, { action: "reject", comment: "   " })).toMatchObject({
      kind: "invalid",
      field: "comment",
    });
    expect(await decide(internalId, admin, { action: "edit_approve", payload: '{"n":2}' })).toMatchObject({
      kind: "invalid",
      field: "action",
      message: expect.stringContaining("does not allow editing"),
    });
    expect(await decide(internalId, admin, { action: "approve", payload: '{"n":2}' })).toMatchObject({
      kind: "invalid",
      field: "payload",
    });
    expect(await decide("missing", admin, { action: "approve" })).toMatchObject({ kind: "not_found" });
    expect(await decide(internalId, admin, { action: "approve", projectId: "another-project" })).toMatchObject({
      kind: "not_found",
    });
  });

  it("edit and approve: validates the JSON, and the agent receives the edited payload", async () => {
    const { internalId, gate } = await openGate({ allowEdit: true, payload: { plan: ["a", "b"] } });
    expect(await decide(internalId, approvers[0]!, { action: "edit_approve" })).toMatchObject({
      kind: "invalid",
      field: "payload",
    });
    expect(await decide(internalId, approvers[0]!, { action: "edit_approve", payload: "{plan: [a]" })).toMatchObject({
      kind: "invalid",
      field: "payload",
      message: expect.stringContaining("not valid JSON"),
    });
    const result = await decide(internalId, approvers[0]!, {
      action: "edit_approve",
      payload: '{"plan":["a"]}',
      comment: "drop b",
    });
    expect(result.kind).toBe("decided");
    const seen = gateResponseSchema.parse(await readGate(t.db, projectId, gate.gateId));
    expect(seen).toMatchObject({
      status: "approved",
      payload: { plan: ["a", "b"] },
      decision: { payload: { plan: ["a"] }, edited: true, comment: "drop b" },
    });
    const approved = (await auditFor(internalId)).find((e) => e.action === "gate.approved")!;
    expect(approved.before).toEqual({ status: "pending", payload: { plan: ["a", "b"] } });
    expect(approved.after).toEqual({ status: "approved", payload: { plan: ["a"] } });
    // a plain approval hands back the payload as sent
    const plain = await openGate({ payload: { x: 1 } });
    expect(await decide(plain.internalId, admin, { action: "approve" })).toMatchObject({
      gate: { decision: { payload: { x: 1 }, edited: false, comment: null } },
    });
  });

  it("moves the session on: running on approve, failed or running on reject as the agent chose", async () => {
    const a = await openGate();
    await decide(a.internalId, admin, { action: "approve" });
    expect(await sessionStatus(a.sessionId)).toBe("running");

    const r = await openGate();
    const rejected = await decide(r.internalId, admin, { action: "reject", comment: "too risky" });
    expect(rejected).toMatchObject({
      kind: "decided",
      gate: { status: "rejected", decision: { comment: "too risky", payload: null } },
    });
    expect(await sessionStatus(r.sessionId)).toBe("failed");
    expect((await t.db.session.findFirstOrThrow({ where: { externalId: r.sessionId } })).endedAt).not.toBeNull();

    const resume = await openGate({ onReject: "resume" });
    await decide(resume.internalId, admin, { action: "reject", comment: "try again" });
    expect(await sessionStatus(resume.sessionId)).toBe("running");

    // two gates on one session: it waits until both are closed
    const first = await openGate({ gateId: "pair-1" }, undefined, "s-pair");
    const second = await openGate({ gateId: "pair-2" }, undefined, "s-pair");
    await decide(first.internalId, admin, { action: "approve" });
    expect(await sessionStatus("s-pair")).toBe("awaiting_approval");
    await decide(second.internalId, admin, { action: "approve" });
    expect(await sessionStatus("s-pair")).toBe("running");
    const audit = (await auditFor(second.internalId)).find((e) => e.action === "gate.approved")!;
    expect(audit.details).toMatchObject({ sessionStatus: "running" });
  });

  it("expires overdue gates once (system actor), refuses decisions after expiry, and treats expiry like a rejection", async () => {
    const past = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const { internalId, gate, sessionId } = await openGate({ expiresInSeconds: 60 }, past);
    const result = await decide(internalId, admin, { action: "approve" });
    expect(result).toMatchObject({
      kind: "expired",
      gate: { status: "expired", decision: null },
      message: expect.stringContaining("can no longer be decided"),
    });
    expect(await decide(internalId, admin, { action: "approve" })).toMatchObject({ kind: "expired" });
    expect((await readGate(t.db, projectId, gate.gateId))?.status).toBe("expired");
    const expired = (await auditFor(internalId)).filter((e) => e.action === "gate.expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actorType: "system", actorName: "gate expiry", outcome: "success" });
    expect((await auditFor(internalId)).some((e) => e.action === "gate.approved")).toBe(false);
    expect(await sessionStatus(sessionId)).toBe("failed");

    const resume = await openGate({ expiresInSeconds: 60, onReject: "resume" }, past);
    const other = await openGate({ expiresInSeconds: 60 }, past);
    expect(await expireOverdueGates(t.db, { projectId })).toBe(2);
    expect(await sessionStatus(resume.sessionId)).toBe("running");
    expect((await readGate(t.db, projectId, other.gate.gateId))?.status).toBe("expired");
  });

  it("announces decisions on the live stream", async () => {
    const { internalId, sessionId } = await openGate();
    const changes: LiveChange[] = [];
    let stop: () => Promise<void> | void;
    if (kind === "postgresql") {
      const target = parseDatabaseUrl(t.url);
      if (target.kind !== "postgresql") throw new Error("expected PostgreSQL");
      const listener = startPgListener(target, (c) => changes.push(c));
      await listener.ready;
      stop = listener.stop;
    } else {
      stop = subscribeLive((c) => changes.push(c));
    }
    try {
      await decide(internalId, admin, { action: "approve" });
      const start = Date.now();
      while (!changes.some((c) => c.sessionIds?.includes(sessionId)) && Date.now() - start < 2_000)
        await new Promise((r) => setTimeout(r, 20));
      expect(changes.find((c) => c.sessionIds?.includes(sessionId))).toMatchObject({
        projectId,
        sessionIds: [sessionId],
        kinds: ["gate", "session"],
      });
    } finally {
      await stop();
    }
  });

  describe("webhook", () => {
    let server: Server;
    let url: string;
    const received: { headers: IncomingMessage["headers"]; body: string }[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        req.on("end", () => {
          received.push({ headers: req.headers, body });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it("posts each decision to the project's webhook, signed", async () => {
      const hooked = await ensureProject(t.db, "hooked");
      await t.db.project.update({
        where: { id: hooked.id },
        data: { settings: { webhook: { url, secret: "s3cret" } } },
      });
      await ingestEvents(t.db, hooked.id, [
        { id: "hs", type: "session", timestamp: new Date().toISOString(), body: { sessionId: "hook-s" } },
      ]);
      const created = await createGate(t.db, {
        projectId: hooked.id,
        sessionId: "hook-s",
        request: createGateRequestSchema.parse({ gateId: "hook-g", title: "Ship?" }),
        actor: { keyId: "k", keyName: "agent" },
      });
      expect(created.kind).toBe("created");
      const row = await t.db.gate.findFirstOrThrow({ where: { externalId: "hook-g" } });
      await decide(row.id, admin, { action: "approve", comment: "go" });
      const start = Date.now();
      while (!received.some((r) => r.headers["x-observatory-event"] === "gate.approved") && Date.now() - start < 3_000)
        await new Promise((r) => setTimeout(r, 20));
      const hit = received.find((r) => r.headers["x-observatory-event"] === "gate.approved")!;
      expect(hit.headers["x-observatory-signature"]).toBe(signWebhookBody("s3cret", hit.body));
      const body = JSON.parse(hit.body) as { type: string; data: { project: string; gate: unknown } };
      expect(body.type).toBe("gate.approved");
      expect(body.data.project).toBe("hooked");
      expect(gateResponseSchema.parse(body.data.gate)).toMatchObject({
        gateId: "hook-g",
        status: "approved",
        decision: { comment: "go", by: { name: "Ada" } },
      });
      expect(received.some((r) => r.headers["x-observatory-event"] === "gate.created")).toBe(true);
    });
  });
});
