import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/action-result";
import { auditAs } from "@/lib/audit/audit-as";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { overrideDbForTests } from "@/lib/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { getAuth } from "./auth";
import { requestMeta, signIn as signInThroughApp } from "./sign-in";
import { changeUserRole, listUsers, resetUserPassword, setUserDisabled } from "./user-admin";
import { createUser } from "./users";

describe.each(databaseKinds())("user administration on %s", (kind) => {
  let t: TestDatabase;
  const audit = auditAs(
    { type: "user", id: "admin-under-test", name: "root@example.com", role: "admin" },
    { ip: "10.0.0.9" },
  );
  let n = 0;
  const make = (role: "viewer" | "approver" | "admin") =>
    createUser(
      t.db,
      { email: `u${++n}@example.com`, name: `User ${n}`, role, password: `password number ${n}` },
      { type: "system", name: "test" },
    );

  async function signIn(email: string, password: string): Promise<Response> {
    return (await getAuth()).api.signInEmail({ body: { email, password }, asResponse: true });
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("refuses to demote or disable the last active admin, with a message naming why", async () => {
    const admin = await make("admin");
    await expect(changeUserRole(t.db, { userId: admin.id, role: "viewer" }, audit)).rejects.toThrow(
      /last active admin/,
    );
    await expect(setUserDisabled(t.db, { userId: admin.id, disabled: "true" }, audit)).rejects.toBeInstanceOf(
      ActionError,
    );
    const row = await t.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row).toMatchObject({ role: "admin", disabled: false });
    expect(await t.db.auditEntry.count({ where: { action: { in: ["user.role_changed", "user.disabled"] } } })).toBe(0);

    // with a second active admin the first may be demoted; a disabled admin does not count
    const second = await make("admin");
    await setUserDisabled(t.db, { userId: second.id, disabled: true }, audit);
    await expect(changeUserRole(t.db, { userId: admin.id, role: "approver" }, audit)).rejects.toThrow(
      /last active admin/,
    );
    await setUserDisabled(t.db, { userId: second.id, disabled: false }, audit);
    await expect(changeUserRole(t.db, { userId: admin.id, role: "approver" }, audit)).resolves.toMatchObject({
      changed: true,
      role: "approver",
    });
    await expect(changeUserRole(t.db, { userId: second.id, role: "viewer" }, audit)).rejects.toThrow(
      /last active admin/,
    );
  });

  it("audits a role change with before and after, in the actor's name", async () => {
    const u = await make("viewer");
    await changeUserRole(t.db, { userId: u.id, role: "approver" }, audit);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "user.role_changed", targetId: u.id } });
    expect(entry).toMatchObject({
      actorName: "root@example.com",
      actorRole: "admin",
      ip: "10.0.0.9",
      outcome: "success",
      before: { role: "viewer" },
      after: { role: "approver" },
    });
    // the same role again changes nothing and writes nothing
    await expect(changeUserRole(t.db, { userId: u.id, role: "approver" }, audit)).resolves.toMatchObject({
      changed: false,
    });
    expect(await t.db.auditEntry.count({ where: { action: "user.role_changed", targetId: u.id } })).toBe(1);
    await expect(changeUserRole(t.db, { userId: "no-such-user", role: "viewer" }, audit)).rejects.toThrow(
      /no such user/,
    );
  });

  it("disabling ends the user's sessions and keeps them out; enabling lets them back", async () => {
    const u = await make("approver");
    const password = `password number ${n}`;
    expect((await signIn(u.email, password)).status).toBe(200);
    expect((await signIn(u.email, password)).status).toBe(200);
    expect(await t.db.authSession.count({ where: { userId: u.id } })).toBe(2);
    const result = await setUserDisabled(t.db, { userId: u.id, disabled: "true" }, audit);
    expect(result).toMatchObject({ changed: true, endedSessions: 2 });
    expect(await t.db.authSession.count({ where: { userId: u.id } })).toBe(0);
    expect((await listUsers(t.db)).find((r) => r.id === u.id)).toMatchObject({ disabled: true, sessions: 0 });
    const disabled = await t.db.auditEntry.findFirstOrThrow({ where: { action: "user.disabled", targetId: u.id } });
    expect(disabled).toMatchObject({
      before: { disabled: false },
      after: { disabled: true },
      details: { endedSessions: 2 },
    });
    // the right password no longer opens a session
    const meta = requestMeta(new Headers({ "x-forwarded-for": "10.1.1.1" }));
    expect(await signInThroughApp(u.email, password, meta)).toEqual({
      ok: false,
      error: "This account is disabled. Ask an admin to enable it.",
    });
    expect(await t.db.authSession.count({ where: { userId: u.id } })).toBe(0);
    expect(await t.db.auditEntry.findFirst({ where: { action: "user.login_failed", actorId: u.id } })).toMatchObject({
      details: { reason: "disabled" },
    });
    await setUserDisabled(t.db, { userId: u.id, disabled: "false" }, audit);
    expect(await signInThroughApp(u.email, password, meta)).toMatchObject({
      ok: true,
      setCookie: expect.stringContaining("session_token="),
    });
    expect(await t.db.auditEntry.count({ where: { action: "user.enabled", targetId: u.id } })).toBe(1);
    // an admin cannot disable themselves
    await expect(setUserDisabled(t.db, { userId: u.id, disabled: true }, audit, u.id)).rejects.toThrow(
      /your own account/,
    );
  });

  it("resets a password: the new one signs in, the old one does not, and the audit holds neither", async () => {
    const u = await make("viewer");
    const old = `password number ${n}`;
    expect((await signIn(u.email, old)).status).toBe(200);
    const result = await resetUserPassword(t.db, { userId: u.id, password: "a brand new secret" }, audit);
    expect(result.endedSessions).toBe(1);
    expect((await signIn(u.email, old)).status).toBe(401);
    expect((await signIn(u.email, "a brand new secret")).status).toBe(200);
    const entries = await t.db.auditEntry.findMany({ where: { action: "user.password_reset" } });
    expect(entries).toHaveLength(1);
    const hash = (await t.db.authAccount.findFirstOrThrow({ where: { userId: u.id } })).password!;
    expect(JSON.stringify(entries)).not.toContain("a brand new secret");
    expect(JSON.stringify(entries)).not.toContain(hash);
    await expect(resetUserPassword(t.db, { userId: u.id, password: "short" }, audit)).rejects.toThrow(/8 characters/);
  });

  it("keeps the audit chain intact through all of it", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
