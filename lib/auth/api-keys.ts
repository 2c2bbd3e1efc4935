import "server-only";
// Project API keys. Only a SHA-256 hash is stored; the key is shown once at creation.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { dialectOf, sqlFor } from "@/lib/db/sql/registry";
import type { Prisma } from "@/lib/db/generated/sqlite/client";

/** A client or a transaction: callers that audit pass their transaction (see api-key-admin.ts). */
export type ApiKeyWriter = Pick<Prisma.TransactionClient, "apiKey">;

const KEY_PREFIX = "obs_";
const PREFIX_LENGTH = KEY_PREFIX.length + 8;
/** lastUsedAt is written at most this often per key, not on every request */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

export type ApiKeyInfo = {
  id: string;
  projectId: string;
  projectSlug: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function createApiKey(
  db: ApiKeyWriter,
  input: { projectId: string; name: string; createdById?: string },
): Promise<{ id: string; key: string; prefix: string }> {
  const key = generateApiKey();
  const prefix = key.slice(0, PREFIX_LENGTH);
  const row = await db.apiKey.create({
    data: {
      projectId: input.projectId,
      name: input.name,
      prefix,
      hash: hashApiKey(key),
      createdById: input.createdById,
    },
    select: { id: true },
  });
  return { id: row.id, key, prefix };
}

export type ApiPrincipal = { keyId: string; keyName: string; projectId: string };

/**
 * The project a key belongs to, or null for a missing, unknown or revoked key. Every API
 * request asks this first, so it reads through the SQL layer: one prepared statement, where
 * Prisma's query machinery cost about a millisecond of the server's one thread per request.
 */
export async function authenticateApiKey(db: Db, key: string | null | undefined): Promise<ApiPrincipal | null> {
  if (!key || !key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = await sqlFor(db)
    .selectFrom("ApiKey")
    .select(["id", "name", "projectId", "revokedAt", "lastUsedAt"])
    .where("hash", "=", hashApiKey(key))
    .executeTakeFirst();
  if (!row || row.revokedAt !== null) return null;
  const now = Date.now();
  const lastUsedAt = row.lastUsedAt === null ? null : dialectOf(db).readTimestamp(row.lastUsedAt);
  if (!lastUsedAt || now - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { keyId: row.id, keyName: row.name, projectId: row.projectId };
}

export async function listApiKeys(db: Db, projectId?: string): Promise<ApiKeyInfo[]> {
  const rows = await db.apiKey.findMany({
    where: projectId ? { projectId } : {},
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      projectId: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      project: { select: { slug: true } },
    },
  });
  return rows.map(({ project, ...r }) => ({ ...r, projectSlug: project.slug }));
}

export type RevokedKey = {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  revokedAt: Date;
  alreadyRevoked: boolean;
};

/** Revokes a key; null when there is no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: ApiKeyWriter, id: string, now: Date = new Date()): Promise<RevokedKey | null> {
  const row = await db.apiKey.findUnique({
    where: { id },
    select: { id: true, projectId: true, name: true, prefix: true, revokedAt: true },
  });
  if (!row) return null;
  if (row.revokedAt) return { ...row, revokedAt: row.revokedAt, alreadyRevoked: true };
  // conditional, so of two simultaneous revocations only one records the time
  const { count } = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return { ...row, revokedAt: now, alreadyRevoked: count === 0 };
}
