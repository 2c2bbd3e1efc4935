import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createDb, overrideDbForTests } from "@/lib/db/client";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { createTestDatabase, databaseKinds } from "@/test/support/test-database";
import { healthSchema } from "./health";

afterEach(() => overrideDbForTests(undefined));

describe.each(databaseKinds())("GET /api/health on %s", (kind) => {
  it("is 200 with the database kind and migration state", async () => {
    const t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    const res = await GET();
    expect(res.status).toBe(200);
    expect(healthSchema.parse(await res.json())).toEqual({ status: "ok", database: kind, migrations: "up-to-date" });
    await t.drop();
  });

  it("says pending before migrations ran", async () => {
    const t = await createTestDatabase(kind, { migrate: kind === "postgresql" });
    if (kind === "postgresql") await t.db.$executeRawUnsafe('DELETE FROM "_prisma_migrations"');
    overrideDbForTests({ db: t.db, kind });
    expect(await (await GET()).json()).toMatchObject({ status: "ok", migrations: "pending" });
    await t.drop();
  });
});

describe("GET /api/health with the database down", () => {
  it("is 503", async () => {
    // nothing listens on port 1
    const down = createDb(parseDatabaseUrl("postgresql://postgres@127.0.0.1:1/none"));
    overrideDbForTests({ db: down, kind: "postgresql" });
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", database: "postgresql", migrations: "unknown" });
    await down.$disconnect();
  });
});
