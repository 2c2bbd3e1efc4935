import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { overrideDbForTests, type Db } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createGate } from "./create-gate";
import { decideGate } from "./decide-gate";
import { startGateSweeper, stopGateSweeper, sweepOverdueGates } from "./gate-sweeper";
import { createGateRequestSchema } from "./schemas";
import { loadSessionGates } from "./session-gates";

describe.each(databaseKinds())("gate expiry sweeper and session gate history on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  let n = 0;
  let ada: { userId: string; email: string; name: string; role: string };
  let rita: typeof ada;

  async function session(): Promise<{ id: string; externalId: string }> {
    const externalId = `sweep-${++n}`;
    await ingestEvents(t.db, projectId, [
      {
        id: `ev-${externalId}`,
        type: "session",
        timestamp: new Date().toISOString(),
        body: { sessionId: externalId, status: "running" },
      },
    ]);
    const row = await t.db.session.findUniqueOrThrow({
      where: { projectId_externalId: { projectId, externalId } },
      select: { id: true },
    });
    return { id: row.id, externalId };
  }

  async function gate(sessionId: string, request: Record<string, unknown>, now?: Date): Promise<string> {
    const created = await createGate(
      t.db,
      {
        projectId,
        sessionId,
        request: createGateRequestSchema.parse(request),
        actor: { keyId: "k", keyName: "agent" },
      },
      now,
    );
    if (created.kind !== "created") throw new Error(created.kind);
    return created.gate.gateId;
  }

  const statusOf = async (gateId: string) =>
    (await t.db.gate.findUniqueOrThrow({ where: { projectId_externalId: { projectId, externalId: gateId } } })).status;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "sweeper")).id;
    const make = async (name: string, role: "approver" | "admin") => {
      const u = await t.db.user.create({ data: { name, email: `${name.toLowerCase()}@example.com`, role } });
      return { userId: u.id, email: u.email, name: u.name, role: u.role };
    };
    ada = await make("Ada", "admin");
    rita = await make("Rita", "approver");
  });
  afterEach(() => stopGateSweeper());
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("expires overdue gates nobody reads, once, as the system, and releases their sessions", async () => {
    const s = await session();
    const past = new Date(Date.now() - 10 * 60_000);
    const overdue = await gate(s.externalId, { title: "Overdue", expiresInSeconds: 60 }, past);
    const s2 = await session();
    const fresh = await gate(s2.externalId, { title: "Still open", expiresInSeconds: 3600 });
    expect(await sweepOverdueGates()).toBe(1);
    expect(await statusOf(overdue)).toBe("expired");
    expect(await statusOf(fresh)).toBe("pending");
    expect((await t.db.session.findUniqueOrThrow({ where: { id: s.id } })).status).not.toBe("awaiting_approval");
    const entries = await t.db.auditEntry.findMany({ where: { action: "gate.expired" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: "system", outcome: "success", after: { status: "expired" } });
    // a second sweep finds nothing, and a decision after expiry is refused
    expect(await sweepOverdueGates()).toBe(0);
    const internal = await t.db.gate.findUniqueOrThrow({
      where: { projectId_externalId: { projectId, externalId: overdue } },
    });
    expect(await decideGate(t.db, { gateId: internal.id, action: "approve", actor: ada })).toMatchObject({
      kind: "expired",
    });
  });

  it("runs on a timer once started (and only one timer per process)", async () => {
    const s = await session();
    const id = await gate(s.externalId, { title: "Expires soon", expiresInSeconds: 1 });
    startGateSweeper(100);
    startGateSweeper(100);
    await vi.waitFor(async () => expect(await statusOf(id)).toBe("expired"), { timeout: 10_000, interval: 200 });
  });

  it("logs a failing sweep instead of throwing", async () => {
    const broken = { gate: { findMany: () => Promise.reject(new Error("database is down")) } } as unknown as Db;
    overrideDbForTests({ db: broken, kind });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(sweepOverdueGates()).resolves.toBe(0);
      expect(log).toHaveBeenCalledWith("[gates] expiry sweep failed:", "database is down");
    } finally {
      log.mockRestore();
      overrideDbForTests({ db: t.db, kind });
    }
  });

  it("lists a session's gates newest first with their decisions", async () => {
    const s = await session();
    const first = await gate(s.externalId, { title: "First ask", payload: { step: 1 } }, new Date(Date.now() - 5_000));
    const internal = await t.db.gate.findUniqueOrThrow({
      where: { projectId_externalId: { projectId, externalId: first } },
    });
    const decided = await decideGate(t.db, { gateId: internal.id, action: "reject", comment: "Not yet.", actor: rita });
    expect(decided.kind).toBe("decided");
    await gate(s.externalId, { title: "Second ask" });
    const other = await session();
    await gate(other.externalId, { title: "Another session's gate" });
    const { gates, total } = await loadSessionGates(t.db, { id: s.id, projectId });
    expect(total).toBe(2);
    expect(gates.map((g) => g.title)).toEqual(["Second ask", "First ask"]);
    expect(gates[1]).toMatchObject({
      status: "rejected",
      comment: "Not yet.",
      decidedBy: { name: "Rita", email: "rita@example.com" },
      payload: { step: 1 },
    });
    expect(gates[1]!.closedAt).toBeInstanceOf(Date);
    expect(gates[0]).toMatchObject({ status: "pending", closedAt: null, decidedBy: null });
  });
});
