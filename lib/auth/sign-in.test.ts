import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

  it("never writes a tried password to the console or the audit trail, right or wrong", async () => {
    const email = `quiet-${kind}@example.com`;
    const right = `right-${kind}-Zq81 password`;
    await createUser(t.db, { email, name: "Q", role: "viewer", password: right }, { type: "system" });
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
    }
    try {
      const meta = requestMeta(new Headers({ "user-agent": "vitest", "x-forwarded-for": "203.0.113.9" }));
      const tried = Array.from({ length: 5 }, (_, i) => `wrong-${kind}-${i}-Kx7 password`);
      for (const password of tried) expect(await signIn(email, password, meta)).toMatchObject({ ok: false });
      // throttled now: the right password is refused, and must not be recorded either
      expect(await signIn(email, right, meta)).toMatchObject({ ok: false, error: expect.stringContaining("Too many") });
      expect(await signIn(`nobody-${kind}@example.com`, "unknown-user-Wp3 password", meta)).toMatchObject({ ok: false });
      const entries = JSON.stringify(await t.db.auditEntry.findMany({ where: { action: "user.login_failed" } }));
      const output = lines.join("\n");
      for (const password of [...tried, right, "unknown-user-Wp3 password"]) {
        expect(entries).not.toContain(password);
        expect(output).not.toContain(password);
      }
      expect(entries).toContain(email);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("allows first-run setup only while there are no users", async () => {
    expect(await setUpFirstAdmin({ email: "late@example.com", name: "Late", password: "late password" }, requestMeta(new Headers()))).toEqual({ ok: false, error: "Setup is already done: sign in instead." });
    expect(await t.db.user.count({ where: { email: "late@example.com" } })).toBe(0);
  });
});
