import "server-only";
import type { Db } from "@/lib/db/client";

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The project with this slug, created (named after the slug) when missing. */
export async function ensureProject(
  db: Db,
  slug: string,
  name?: string,
): Promise<{ id: string; slug: string; created: boolean }> {
  if (!SLUG_PATTERN.test(slug))
    throw new Error(`project: "${slug}" is not a valid slug (lowercase letters, digits and dashes)`);
  const existing = await db.project.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (existing) return { ...existing, created: false };
  const created = await db.project.upsert({
    where: { slug },
    create: { slug, name: name ?? slug },
    update: {},
    select: { id: true, slug: true },
  });
  return { ...created, created: true };
}

/** Every project, by name: for pickers, project scopes and the names shown in lists. */
export async function projectOptions(db: Db): Promise<{ id: string; slug: string; name: string }[]> {
  return db.project.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
}
