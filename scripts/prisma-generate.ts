// Generates both Prisma clients (SQLite and PostgreSQL) from prisma/schema.prisma.
//
// The Prisma CLI wants to download its schema-engine binary for every command, which this
// offline machine cannot do. `prisma generate` never needs the engine, so we point
// PRISMA_SCHEMA_ENGINE_BINARY at a stub. Migrations run through the wasm engine instead
// (lib/db/migrations/).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writePostgresSchema } from "../lib/db/migrations/postgres-schema";

const root = path.resolve(import.meta.dirname, "..");

function engineStub(): string {
  const dir = path.join(root, "node_modules", ".cache", "observatory");
  mkdirSync(dir, { recursive: true });
  const stub = path.join(dir, "schema-engine-stub");
  writeFileSync(
    stub,
    '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "schema-engine-cli stub"; exit 0; fi\n' +
      'echo "schema engine binary is not available; use npm run cli -- migrate" >&2\nexit 1\n',
  );
  chmodSync(stub, 0o755);
  return stub;
}

function generate(schema: string): void {
  const prismaBin = path.join(root, "node_modules", ".bin", "prisma");
  if (!existsSync(prismaBin)) throw new Error("prisma CLI missing: run npm install");
  execFileSync(prismaBin, ["generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? engineStub(),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}

const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const postgresSchema = writePostgresSchema(root);
generate(sqliteSchema);
generate(postgresSchema);
console.log("prisma-generate: generated SQLite and PostgreSQL clients");
