// Derives prisma/postgres/schema.prisma from the SQLite source of truth: the provider and
// the client output folder are the only differences.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function postgresSchemaText(sqliteText: string): string {
  const swapped = sqliteText
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/db\/generated\/sqlite"/, 'output   = "../../lib/db/generated/postgres"');
  if (swapped === sqliteText || !swapped.includes('"postgresql"') || !swapped.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider or output changed?)");
  }
  return "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts. Do not edit.\n" + swapped;
}

export function writePostgresSchema(root: string): string {
  const source = readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  const target = path.join(root, "prisma", "postgres", "schema.prisma");
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, postgresSchemaText(source));
  return target;
}
