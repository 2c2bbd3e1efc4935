import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { appendAudit } from "./append-audit";
import { verifyAuditChain } from "./verify-audit";

describe.each(databaseKinds())("audit trail on %s", (kind) => {
  let t: TestDatabase;

  async function seedChain(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await t.db.$transaction((tx) =>
        appendAudit(tx, {
          actor: { type: "user", id: `u${i}`, name: "Ada", role: "admin" },
          action: i % 2 ? "price.updated" : "gate.approved",
          outcome: "success",
          target: { type: "gate", id: `g${i}` },
          details: { i, nested: { b: 2, a: [1, "x"] } },
          before: i % 2 ? { input: 3 } : undefined,
          after: i % 2 ? { input: 4 } : undefined,
        }),
      );
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("chains entries and verifies an intact chain", async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 0, lastSeq: null });
    await seedChain(5);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 5, lastSeq: 5 });
  });

  it("appends one at a time even when many append at once", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.db.$transaction((tx) =>
          appendAudit(tx, { actor: { type: "system" }, action: "test.parallel", outcome: "success", details: { i } }),
        ),
      ),
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, entries: 15 });
  });

  it("refuses raw UPDATE and DELETE in the database itself", async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "action" = 'forged' WHERE "seq" = 2`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
    expect((await t.db.auditEntry.findUniqueOrThrow({ where: { seq: 2 } })).action).toBe("price.updated");
  });

  it("names the first broken entry after a database-level attacker edits or deletes rows", async () => {
    // simulate an attacker with DDL rights: drop the triggers, then tamper
    if (kind === "sqlite") {
      await t.db.$executeRawUnsafe(`DROP TRIGGER "AuditEntry_no_update"`);
      await t.db.$executeRawUnsafe(`DROP TRIGGER "AuditEntry_no_delete"`);
    } else {
      await t.db.$executeRawUnsafe(`DROP TRIGGER "AuditEntry_no_update_delete" ON "AuditEntry"`);
    }
    await t.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "outcome" = 'denied' WHERE "seq" = 3`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenSeq: 3, entries: 2 });
    await t.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "outcome" = 'success' WHERE "seq" = 3`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "seq" = 4`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenSeq: 4, reason: "entry 4 is missing" });
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "seq" >= 4`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, entries: 3 });
  });
});
