import "server-only";
// Agent profiles as Settings lists them: scope, limits, and today's use against the limit.
// Use comes from the same rollup query the budget API answers with (profileUsageToday): a
// project's profile counts that project's use, a global one counts every project's.
import type { Db } from "@/lib/db/client";
import { budgetOf } from "@/lib/usage/budgets";
import { profileUsageToday } from "@/lib/usage/usage-queries";
import { budgetState } from "./budget-state";

export async function listProfilesWithUsage(db: Db, now = new Date()) {
  const [profiles, projects] = await Promise.all([
    db.agentProfile.findMany({
      orderBy: [{ name: "asc" }],
      include: { project: { select: { slug: true, name: true } }, _count: { select: { promptVersions: true } } },
    }),
    db.project.findMany({ select: { id: true } }),
  ]);
  const allProjects = projects.map((p) => p.id);
  return Promise.all(
    profiles.map(async (p) => {
      const used = await profileUsageToday(db, p.projectId ? [p.projectId] : allProjects, p.name, p.usageUnit, now);
      const budget = budgetOf(p.dailyLimit, p.usageUnit, used, p.hardLimit);
      return { ...p, budget, ...budgetState(used, p.dailyLimit) };
    }),
  );
}

export type ProfileWithUsage = Awaited<ReturnType<typeof listProfilesWithUsage>>[number];

export async function readProfile(db: Db, id: string) {
  return db.agentProfile.findUnique({ where: { id }, include: { project: { select: { slug: true, name: true } } } });
}
