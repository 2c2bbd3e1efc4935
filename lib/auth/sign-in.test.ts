import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/lib/testing/test-database";
import { requestMeta, setUpFirstAdmin, signIn } from "./sign-in";
import { createUser } from "./users";

describe.each(databaseKinds())("sign-in rules on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await createUser(t.db, { email: `throttle-${kind}@example.com`, name: "T", role: "viewer", password: "the right password" }, { type: "system" });
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("audits each failed sign-in without the password, then throttles", async () => {
    const email = `throttle-${kind}@example.com`;
    const meta = requestMeta(new Headers({ "user-agent": "vitest" }));
    for (let i = 0; i < 5; i++) expect(await signIn(email, `wrong ${i}`, meta)).toEqual({ ok: false, error: "Wrong email or password." });
    expect(await signIn(email, "the right password", meta)).toEqual({ ok: false, error: "Too many failed sign-ins. Try again in 15 minutes." });
    const entries = await t.db.auditEntry.findMany({ where: { action: "user.login_failed" } });
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.outcome === "denied" && e.actorName === email && e.userAgent === "vitest")).toBe(true);
    expect(JSON.stringify(entries)).not.toContain("wrong 0");
  });

  it("allows first-run setup only while there are no users", async () => {
    expect(await setUpFirstAdmin({ email: "late@example.com", name: "Late", password: "late password" }, requestMeta(new Headers()))).toEqual({ ok: false, error: "Setup is already done: sign in instead." });
    expect(await t.db.user.count({ where: { email: "late@example.com" } })).toBe(0);
  });
});
