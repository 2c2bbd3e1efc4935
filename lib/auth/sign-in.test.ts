import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { requestMeta, setUpFirstAdmin, signIn } from "./sign-in";
import { SIGN_IN_LIMIT, throttleKey } from "./sign-in-throttle";
import { createUser } from "./users";

const THROTTLED = "Too many failed sign-ins. Try again in 15 minutes.";

describe.each(databaseKinds())("sign-in rules on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    await createUser(
      t.db,
      { email: `throttle-${kind}@example.com`, name: "T", role: "viewer", password: "the right password" },
      { type: "system" },
    );
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("audits each failed sign-in without the password, then throttles", async () => {
    const email = `throttle-${kind}@example.com`;
    const meta = requestMeta(new Headers({ "user-agent": "vitest" }));
    for (let i = 0; i < 5; i++)
      expect(await signIn(email, `wrong ${i}`, meta)).toEqual({ ok: false, error: "Wrong email or password." });
    expect(await signIn(email, "the right password", meta)).toEqual({ ok: false, error: THROTTLED });
    const entries = await t.db.auditEntry.findMany({ where: { action: "user.login_failed" } });
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.outcome === "denied" && e.actorName === email && e.userAgent === "vitest")).toBe(
      true,
    );
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
      expect(await signIn(`nobody-${kind}@example.com`, "unknown-user-Wp3 password", meta)).toMatchObject({
        ok: false,
      });
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

  it("keeps the count in the database, where a new process (a fresh auth instance) sees it", async () => {
    const email = `shared-${kind}@example.com`;
    await createUser(t.db, { email, name: "S", role: "viewer", password: "the right password" }, { type: "system" });
    const meta = requestMeta(new Headers({ "user-agent": "vitest" }));
    for (let i = 0; i < SIGN_IN_LIMIT.max; i++)
      expect(await signIn(email, `wrong ${i}`, meta)).toMatchObject({ ok: false, error: "Wrong email or password." });
    expect(await t.db.rateLimit.findUnique({ where: { key: throttleKey(null, email) } })).toMatchObject({
      count: SIGN_IN_LIMIT.max,
    });
    // nothing of it lives in module memory: a fresh copy of the modules and of better-auth still refuses
    (globalThis as { __observatoryAuth?: unknown }).__observatoryAuth = undefined;
    vi.resetModules();
    const fresh = await import("./sign-in");
    expect(await fresh.signIn(email, "the right password", fresh.requestMeta(new Headers()))).toEqual({
      ok: false,
      error: THROTTLED,
    });
  });

  it("counts per account and client, and a right password starts the count again", async () => {
    const email = `reset-${kind}@example.com`;
    await createUser(t.db, { email, name: "R", role: "viewer", password: "the right password" }, { type: "system" });
    const meta = requestMeta(new Headers());
    for (let i = 0; i < SIGN_IN_LIMIT.max - 1; i++) await signIn(email, `wrong ${i}`, meta);
    // another account from the same client is not held back by these
    expect(await signIn(`other-${kind}@example.com`, "wrong", meta)).toEqual({
      ok: false,
      error: "Wrong email or password.",
    });
    expect(await signIn(email, "the right password", meta)).toMatchObject({
      ok: true,
      setCookie: expect.stringContaining("session_token="),
    });
    expect(await t.db.rateLimit.count({ where: { key: throttleKey(null, email) } })).toBe(0);
    for (let i = 0; i < SIGN_IN_LIMIT.max; i++)
      expect(await signIn(email, `wrong again ${i}`, meta)).toMatchObject({ error: "Wrong email or password." });
    expect(await signIn(email, "the right password", meta)).toEqual({ ok: false, error: THROTTLED });
  });

  it("stays bounded: a client's row is reused, and rows past their window are pruned", async () => {
    const email = `bounded-${kind}@example.com`;
    const longAgo = BigInt(Date.now() - 2 * SIGN_IN_LIMIT.window * 1000);
    await t.db.rateLimit.create({
      data: { key: "fd00:0000:0000:0000:0000:0000:0000:0001|/sign-in/email", count: 3, lastRequest: longAgo },
    });
    await t.db.rateLimit.create({
      data: { key: throttleKey(null, email), count: SIGN_IN_LIMIT.max, lastRequest: longAgo },
    });
    // the window of this client's full row is over: the attempt is let through, the row restarts at 1
    expect(await signIn(email, "wrong", requestMeta(new Headers()))).toMatchObject({
      error: "Wrong email or password.",
    });
    expect(await t.db.rateLimit.findMany({ where: { key: { startsWith: "fd00:0000:" } } })).toEqual([]);
    expect(await t.db.rateLimit.findUnique({ where: { key: throttleKey(null, email) } })).toMatchObject({ count: 1 });
  });

  it("allows first-run setup only while there are no users", async () => {
    expect(
      await setUpFirstAdmin(
        { email: "late@example.com", name: "Late", password: "late password" },
        requestMeta(new Headers()),
      ),
    ).toEqual({ ok: false, error: "Setup is already done: sign in instead." });
    expect(await t.db.user.count({ where: { email: "late@example.com" } })).toBe(0);
  });
});
