import "server-only";
// The password of a registered PostgreSQL source. The ImportSource row keeps the URL without
// its password; the full URL is kept apart, encrypted with AES-256-GCM under a key derived
// from the auth secret (OBSERVATORY_AUTH_SECRET, or the one generated into the database), so
// the follower can reconnect after a restart while the password never appears in plain text
// in the table, the audit trail or the page.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/auth-secret";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";

type ConfigWriter = Pick<Prisma.TransactionClient, "config">;

const SOURCE = "observatory";
const PREFIX = "import-source.url:";

export function secretKey(sourceId: string): string {
  return `${PREFIX}${sourceId}`;
}

/** True when the location carries a password that must not be stored in plain text. */
export function hasPassword(location: string): boolean {
  return /^postgres(ql)?:\/\/[^:/@]+:[^@]*@/.test(location);
}

function keyFrom(secret: string): Buffer {
  return createHash("sha256").update(`observatory import-source ${secret}`).digest();
}

export function encryptWith(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ":",
  );
}

export function decryptWith(secret: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unknown format");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Stores the full URL (in the caller's transaction); `secret` is read beforehand with authSecret. */
export async function storeSourceUrl(tx: ConfigWriter, sourceId: string, secret: string, url: string): Promise<void> {
  await tx.config.deleteMany({ where: { projectId: null, source: SOURCE, key: secretKey(sourceId) } });
  await tx.config.create({ data: { source: SOURCE, key: secretKey(sourceId), value: encryptWith(secret, url) } });
}

export async function deleteSourceUrl(tx: ConfigWriter, sourceId: string): Promise<void> {
  await tx.config.deleteMany({ where: { projectId: null, source: SOURCE, key: secretKey(sourceId) } });
}

/**
 * The location to connect to: the stored full URL when there is one, else the row's
 * location. Throws a readable error when the URL cannot be decrypted (the auth secret changed).
 */
export async function connectLocation(db: Db, source: { id: string; location: string }): Promise<string> {
  const row = await db.config.findFirst({ where: { projectId: null, source: SOURCE, key: secretKey(source.id) } });
  if (!row || typeof row.value !== "string") return source.location;
  try {
    return decryptWith(await authSecret(db), row.value);
  } catch {
    throw new Error(
      "the stored password cannot be decrypted (was OBSERVATORY_AUTH_SECRET changed?): remove the source and register it again",
    );
  }
}
