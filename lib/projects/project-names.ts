import "server-only";
// Project names and slugs by id, for lists that show a project on every row (the sessions
// list). Projects are few and rarely renamed, so one process-wide copy, kept a few seconds,
// saves each list page the second query Prisma would send for the relation. An id it does
// not know (a project created since) reloads it at once; a rename shows everywhere within
// TTL_MS, and at once in the process that made it.
import type { Db } from "@/lib/db/client";
import { projectOptions } from "./projects";

export type ProjectName = { name: string; slug: string };

export const PROJECT_NAMES_TTL_MS = 5_000;

type Cache = { db: Db; at: number; byId: Map<string, ProjectName> };
// On globalThis: Next.js may load this module once per route bundle.
const holder = globalThis as unknown as { __observatoryProjectNames?: Cache };

export async function projectNamesById(
  db: Db,
  ids: Iterable<string>,
  now: number = Date.now(),
): Promise<Map<string, ProjectName>> {
  const cached = holder.__observatoryProjectNames;
  if (
    cached &&
    cached.db === db &&
    now - cached.at < PROJECT_NAMES_TTL_MS &&
    [...ids].every((id) => cached.byId.has(id))
  )
    return cached.byId;
  const rows = await projectOptions(db);
  const byId = new Map(rows.map((p) => [p.id, { name: p.name, slug: p.slug }]));
  holder.__observatoryProjectNames = { db, at: now, byId };
  return byId;
}

/** After a project is renamed: this process shows the new name at once. */
export function forgetProjectNames(): void {
  holder.__observatoryProjectNames = undefined;
}
