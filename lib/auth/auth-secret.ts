import "server-only";
// The secret better-auth signs session cookies with: OBSERVATORY_AUTH_SECRET when set,
// otherwise one generated on first use and kept in the database, so every server process
// (and every restart) shares it without any setup.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";

const KEY = "auth.secret";

export async function authSecret(db: Db): Promise<string> {
  const fromEnv = env().OBSERVATORY_AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  const existing = await db.config.findFirst({ where: { projectId: null, source: "observatory", key: KEY } });
  if (existing && typeof existing.value === "string") return existing.value;
  const secret = randomBytes(32).toString("base64url");
  await db.config.create({ data: { source: "observatory", key: KEY, value: secret } });
  // another process may have raced us: the first row wins everywhere
  const first = await db.config.findFirst({
    where: { projectId: null, source: "observatory", key: KEY },
    orderBy: { updatedAt: "asc" },
  });
  return typeof first?.value === "string" ? first.value : secret;
}
