import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, redactUrl, withDatabase } from "./database-url";
import { postgresSchemaText } from "./migrations/postgres-schema";
import { readFileSync } from "node:fs";
import path from "node:path";

describe("parseDatabaseUrl", () => {
  it("reads SQLite file URLs relative to the working directory", () => {
    expect(parseDatabaseUrl("file:./data/x.db", "/srv/app")).toEqual({
      kind: "sqlite",
      url: "file:./data/x.db",
      file: "/srv/app/data/x.db",
    });
  });
  it("reads PostgreSQL URLs field by field", () => {
    const t = parseDatabaseUrl("postgresql://u:p%40ss@db.local:6543/obs?sslmode=require");
    expect(t).toMatchObject({
      kind: "postgresql",
      host: "db.local",
      port: 6543,
      user: "u",
      password: "p@ss",
      database: "obs",
      ssl: true,
    });
    expect(parseDatabaseUrl("postgres://postgres@127.0.0.1/x")).toMatchObject({
      port: 5432,
      password: undefined,
      ssl: false,
    });
  });
  it("refuses other schemes, naming the variable", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl("file:")).toThrow(/DATABASE_URL/);
  });
  it("swaps the database and masks passwords", () => {
    const t = parseDatabaseUrl("postgresql://u:secret@h:5432/a");
    if (t.kind !== "postgresql") throw new Error("expected postgresql");
    expect(withDatabase(t, "b")).toMatchObject({ database: "b", url: "postgresql://u:secret@h:5432/b" });
    expect(redactUrl("postgresql://u:secret@h:5432/a")).toBe("postgresql://u:***@h:5432/a");
  });
});

describe("postgresSchemaText", () => {
  it("derives the PostgreSQL schema from the SQLite source", () => {
    const source = readFileSync(path.join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const pg = postgresSchemaText(source);
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain("generated/postgres");
    expect(pg).not.toContain('provider = "sqlite"');
    expect(() => postgresSchemaText("datasource db {}")).toThrow();
  });
});
