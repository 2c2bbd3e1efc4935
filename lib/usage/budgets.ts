import "server-only";
// Agent profiles as agents see them: their budget before they spend, and the active prompt.
import type { Db } from "@/lib/db/client";
import { profileUsageToday } from "./usage-queries";
import type { BudgetResponse } from "./usage-schemas";

/** The project's own profile of that name, else a global one. */
export async function findProfile(db: Db, projectId: string, name: string) {
  return (
    (await db.agentProfile.findFirst({ where: { projectId, name } })) ??
    (await db.agentProfile.findFirst({ where: { projectId: null, name } }))
  );
}

export function budgetOf(
  limit: number,
  unit: string,
  used: number,
  hardLimit: boolean,
): Omit<BudgetResponse, "profile"> {
  const unlimited = limit <= 0;
  const u = unit === "tokens" || unit === "usd" ? unit : "runs";
  return {
    dailyLimit: limit,
    unit: u,
    usedToday: used,
    remaining: unlimited ? null : Math.max(0, Math.round((limit - used) * 1e9) / 1e9),
    hardLimit,
    allowed: unlimited || !hardLimit || used < limit,
  };
}

export async function budgetFor(
  db: Db,
  projectId: string,
  name: string,
  now = new Date(),
): Promise<BudgetResponse | null> {
  const profile = await findProfile(db, projectId, name);
  if (!profile) return null;
  const used = await profileUsageToday(db, [projectId], profile.name, profile.usageUnit, now);
  return { profile: profile.name, ...budgetOf(profile.dailyLimit, profile.usageUnit, used, profile.hardLimit) };
}

export async function profileFor(db: Db, projectId: string, name: string) {
  const profile = await findProfile(db, projectId, name);
  if (!profile) return null;
  const active = await db.promptVersion.findFirst({
    where: { profileId: profile.id, isActive: true },
    orderBy: { versionNumber: "desc" },
  });
  return {
    profile: profile.name,
    provider: profile.provider,
    model: profile.model,
    dailyLimit: profile.dailyLimit,
    unit: profile.usageUnit,
    hardLimit: profile.hardLimit,
    envOverrides: profile.envOverrides ?? {},
    activePrompt: active
      ? {
          versionNumber: active.versionNumber,
          content: active.content,
          note: active.note,
          createdAt: active.createdAt.toISOString(),
        }
      : null,
  };
}
