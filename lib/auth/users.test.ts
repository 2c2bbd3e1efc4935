import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { getAuth } from "./auth";
import { createUser, UserExistsError } from "./users";

describe.each(databaseKinds())("users and sign-in on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("creates a user whose password signs in, and refuses a wrong one", async () => {
    const created = await createUser(
      t.db,
      { email: "Ada@Example.com", name: "Ada", role: "approver", password: "correct horse battery" },
      { type: "system", name: "test" },
    );
    expect(created).toMatchObject({ email: "ada@example.com", role: "approver" });
    const auth = await getAuth();
    const ok = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "correct horse battery" },
      asResponse: true,
    });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/observatory\.session_token=/);
    expect(cookie.toLowerCase()).toContain("httponly");
    expect(cookie.toLowerCase()).toContain("samesite=lax");
    expect(await t.db.authSession.count({ where: { userId: created.id } })).toBe(1);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookie.split(";")[0]! }) });
    expect(session?.user).toMatchObject({ email: "ada@example.com", role: "approver" });
    const bad = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "wrong password" },
      asResponse: true,
    });
    expect(bad.status).toBe(401);
  });

  it("refuses a second user with the same email and never audits the password", async () => {
    await expect(
      createUser(
        t.db,
        { email: "ada@example.com", name: "Other", role: "viewer", password: "another password" },
        { type: "system" },
      ),
    ).rejects.toBeInstanceOf(UserExistsError);
    const audit = await t.db.auditEntry.findMany({ where: { action: "user.created" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("correct horse");
    const account = await t.db.authAccount.findFirstOrThrow({ where: { providerId: "credential" } });
    expect(account.password).not.toContain("correct horse");
  });

  it("rejects bad input naming the field", async () => {
    await expect(
      createUser(
        t.db,
        { email: "not-an-email", name: "X", role: "viewer", password: "long enough" },
        { type: "system" },
      ),
    ).rejects.toThrow(/email/);
    await expect(
      createUser(t.db, { email: "x@example.com", name: "X", role: "viewer", password: "short" }, { type: "system" }),
    ).rejects.toThrow(/8 characters/);
  });
});
