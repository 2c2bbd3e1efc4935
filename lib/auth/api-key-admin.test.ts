import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditAs } from "@/lib/audit/audit-as";
import type { AuditEntryFields, AuditFn } from "@/lib/audit/audit-as";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createProjectApiKey, revokeProjectApiKey } from "./api-key-admin";
import { authenticateApiKey } from "./api-keys";

describe.each(databaseKinds())("audited API keys on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  const audit = auditAs({ type: "user", id: "u-admin", name: "admin@example.com", role: "admin" });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "keys-project")).id;
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("records a key's last use at most once a minute", async () => {
    const created = await createProjectApiKey(t.db, { projectId, name: "busy bot" }, audit, "u-admin");
    const lastUsed = async () => (await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(await authenticateApiKey(t.db, created.key)).toMatchObject({ keyId: created.id, keyName: "busy bot" });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // used 30 s ago: within the resolution, left alone
    const recent = new Date(Date.now() - 30_000);
    await t.db.apiKey.update({ where: { id: created.id }, data: { lastUsedAt: recent } });
    await authenticateApiKey(t.db, created.key);
    expect((await lastUsed())?.getTime()).toBe(recent.getTime());
    // used 2 minutes ago: recorded again
    await t.db.apiKey.update({ where: { id: created.id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await authenticateApiKey(t.db, created.key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(recent.getTime());
  });

  it("creates a working key and an apikey.created entry that holds no key material", async () => {
    const created = await createProjectApiKey(t.db, { projectId, name: " deploy bot " }, audit, "u-admin");
    expect(await authenticateApiKey(t.db, created.key)).toMatchObject({ projectId, keyName: "deploy bot" });
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "apikey.created", targetId: created.id } });
    expect(entry).toMatchObject({
      actorId: "u-admin",
      projectId,
      targetType: "api_key",
      details: { name: "deploy bot", prefix: created.prefix, project: "keys-project" },
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(created.key.slice(created.prefix.length));
    expect(text).not.toContain(row.hash);
  });

  it("writes the key and its entry in one transaction: a failing audit leaves no key", async () => {
    const before = await t.db.apiKey.count();
    const entriesBefore = await t.db.auditEntry.count();
    const failing: AuditFn = async (tx, entry: AuditEntryFields) => {
      await audit(tx, entry);
      throw new Error("audit write failed");
    };
    await expect(createProjectApiKey(t.db, { projectId, name: "doomed" }, failing)).rejects.toThrow(
      "audit write failed",
    );
    expect(await t.db.apiKey.count()).toBe(before);
    expect(await t.db.auditEntry.count()).toBe(entriesBefore);
  });

  it("revokes once (then the key is refused), audits it, and refuses unknown ids and projects", async () => {
    const created = await createProjectApiKey(t.db, { projectId, name: "short-lived" }, audit);
    const revoked = await revokeProjectApiKey(t.db, { keyId: created.id }, audit);
    expect(revoked).toMatchObject({ alreadyRevoked: false, prefix: created.prefix });
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
    expect(await revokeProjectApiKey(t.db, { keyId: created.id }, audit)).toMatchObject({ alreadyRevoked: true });
    const entries = await t.db.auditEntry.findMany({ where: { action: "apikey.revoked", targetId: created.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ before: { revokedAt: null }, details: { name: "short-lived" } });
    await expect(revokeProjectApiKey(t.db, { keyId: "nope" }, audit)).rejects.toThrow(/no such API key/);
    await expect(createProjectApiKey(t.db, { projectId: "nope", name: "x" }, audit)).rejects.toThrow(/no such project/);
    await expect(createProjectApiKey(t.db, { projectId, name: "   " }, audit)).rejects.toThrow(/must not be empty/);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
