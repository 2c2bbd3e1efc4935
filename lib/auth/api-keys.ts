import "server-only";
// Project API keys. Only a SHA-256 hash is stored; the key is shown once at creation.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

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

export async function createApiKey(db: Db, input: { projectId: string; name: string; createdById?: string }): Promise<{ id: string; key: string; prefix: string }> {
  const key = generateApiKey();
  const prefix = key.slice(0, PREFIX_LENGTH);
  const row = await db.apiKey.create({
    data: { projectId: input.projectId, name: input.name, prefix, hash: hashApiKey(key), createdById: input.createdById },
    select: { id: true },
  });
  return { id: row.id, key, prefix };
}

export type ApiPrincipal = { keyId: string; keyName: string; projectId: string };

/** The project a key belongs to, or null for a missing, unknown or revoked key. */
export async function authenticateApiKey(db: Db, key: string | null | undefined): Promise<ApiPrincipal | null> {
  if (!key || !key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    select: { id: true, name: true, projectId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { keyId: row.id, keyName: row.name, projectId: row.projectId };
}

export async function listApiKeys(db: Db, projectId?: string): Promise<ApiKeyInfo[]> {
  const rows = await db.apiKey.findMany({
    where: projectId ? { projectId } : {},
    orderBy: { createdAt: "desc" },
    select: { id: true, projectId: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, project: { select: { slug: true } } },
  });
  return rows.map(({ project, ...r }) => ({ ...r, projectSlug: project.slug }));
}

/** Revokes a key; false when there is no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const row = await db.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!row) return false;
  if (!row.revokedAt) await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  return true;
}
