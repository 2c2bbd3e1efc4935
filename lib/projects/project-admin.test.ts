import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditAs } from "@/lib/audit/audit-as";
import { overrideDbForTests } from "@/lib/db/client";
import { webhookTarget } from "@/lib/gates/webhook";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { createProject, listProjects, renameProject, setProjectWebhook } from "./project-admin";

describe.each(databaseKinds())("project administration on %s", (kind) => {
  let t: TestDatabase;
  const audit = auditAs({ type: "user", id: "u-admin", name: "admin@example.com", role: "admin" });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("creates a project from a name (slug derived) or an explicit slug, and audits it", async () => {
    const derived = await createProject(t.db, { name: "Payments Team" }, audit);
    expect(derived.slug).toBe("payments-team");
    const explicit = await createProject(t.db, { name: "Search", slug: "search-v2" }, audit);
    expect(
      await t.db.auditEntry.findFirstOrThrow({ where: { action: "project.created", targetId: explicit.id } }),
    ).toMatchObject({
      after: { slug: "search-v2", name: "Search" },
      projectId: explicit.id,
    });
    expect((await listProjects(t.db)).map((p) => p.slug)).toEqual(["payments-team", "search-v2"]);
  });

  it("refuses bad and duplicate slugs, naming the field", async () => {
    await expect(createProject(t.db, { name: "X", slug: "Not Valid" }, audit)).rejects.toThrow(/lowercase letters/);
    await expect(createProject(t.db, { name: "X", slug: "a--b" }, audit)).rejects.toThrow(/slug/);
    await expect(createProject(t.db, { name: "!!!" }, audit)).rejects.toThrow(/slug/);
    await expect(createProject(t.db, { name: "" }, audit)).rejects.toThrow(/must not be empty/);
    await expect(createProject(t.db, { name: "Again", slug: "search-v2" }, audit)).rejects.toMatchObject({
      field: "slug",
    });
    expect(await t.db.project.count()).toBe(2);
  });

  it("renames with before/after and keeps the slug", async () => {
    const p = await t.db.project.findUniqueOrThrow({ where: { slug: "search-v2" } });
    await expect(renameProject(t.db, { projectId: p.id, name: "Search (v2)" }, audit)).resolves.toEqual({
      changed: true,
      slug: "search-v2",
    });
    expect(
      await t.db.auditEntry.findFirstOrThrow({ where: { action: "project.updated", targetId: p.id } }),
    ).toMatchObject({ before: { name: "Search" }, after: { name: "Search (v2)" } });
    await expect(renameProject(t.db, { projectId: p.id, name: " " }, audit)).rejects.toThrow(/must not be empty/);
    await expect(renameProject(t.db, { projectId: "missing", name: "Y" }, audit)).rejects.toThrow(/no such project/);
  });

  it("sets a webhook the gate notifier reads, showing a new secret once and never auditing it", async () => {
    const p = await t.db.project.findUniqueOrThrow({ where: { slug: "payments-team" } });
    await expect(setProjectWebhook(t.db, { projectId: p.id, url: "ftp://example.com/hook" }, audit)).rejects.toThrow(
      /http/,
    );
    const first = await setProjectWebhook(t.db, { projectId: p.id, url: "https://hooks.example.com/gates" }, audit);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const stored = await t.db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(webhookTarget(stored.settings)).toEqual({ url: "https://hooks.example.com/gates", secret: first.secret });
    // a new URL keeps the secret unless a new one is asked for
    const second = await setProjectWebhook(
      t.db,
      { projectId: p.id, url: "https://hooks.example.com/v2", newSecret: "" },
      audit,
    );
    expect(second.secret).toBeUndefined();
    expect(webhookTarget((await t.db.project.findUniqueOrThrow({ where: { id: p.id } })).settings)?.secret).toBe(
      first.secret,
    );
    const third = await setProjectWebhook(
      t.db,
      { projectId: p.id, url: "https://hooks.example.com/v2", newSecret: "on" },
      audit,
    );
    expect(third.secret).toBeDefined();
    expect(third.secret).not.toBe(first.secret);
    const entries = await t.db.auditEntry.findMany({
      where: { action: "project.updated", targetId: p.id },
      orderBy: { seq: "asc" },
    });
    expect(entries[0]).toMatchObject({
      before: { webhookUrl: null, webhookSecretSet: false },
      after: { webhookUrl: "https://hooks.example.com/gates", webhookSecretSet: true },
    });
    expect(JSON.stringify(entries)).not.toContain(first.secret!);
    expect(JSON.stringify(entries)).not.toContain(third.secret!);
    // an empty URL removes it
    await setProjectWebhook(t.db, { projectId: p.id, url: "" }, audit);
    expect(webhookTarget((await t.db.project.findUniqueOrThrow({ where: { id: p.id } })).settings)).toBeNull();
    expect((await listProjects(t.db)).find((r) => r.id === p.id)?.webhookUrl).toBeNull();
  });
});
