import "server-only";
// Prompt versions of an agent profile: numbered, append-only, exactly one active at a time.
// Agents read the active one through GET /api/v1/profiles/{profile} (lib/usage/budgets.ts).
import type { ActionAudit } from "@/lib/actions/role-action";
import { ActionError } from "@/lib/actions/action-result";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { ActivatePromptVersionInput, AddPromptVersionInput } from "./profile-schemas";

/**
 * Touches the profile row so that concurrent changes to its versions take turns (a row lock
 * on PostgreSQL; SQLite has one writer anyway): version numbers stay unique, one stays active.
 */
async function lockProfile(tx: Prisma.TransactionClient, profileId: string) {
  const touched = await tx.agentProfile.updateMany({ where: { id: profileId }, data: { updatedAt: new Date() } });
  if (touched.count === 0) throw new ActionError("That profile no longer exists.", "profileId");
  return tx.agentProfile.findUniqueOrThrow({ where: { id: profileId } });
}

export async function listPromptVersions(db: Db, profileId: string) {
  return db.promptVersion.findMany({ where: { profileId }, orderBy: { versionNumber: "desc" } });
}

export async function addPromptVersion(db: Db, input: AddPromptVersionInput, audit: ActionAudit) {
  return db.$transaction(async (tx) => {
    const profile = await lockProfile(tx, input.profileId);
    const last = await tx.promptVersion.findFirst({
      where: { profileId: input.profileId },
      orderBy: { versionNumber: "desc" },
      select: { versionNumber: true },
    });
    const version = await tx.promptVersion.create({
      data: {
        profileId: input.profileId,
        versionNumber: (last?.versionNumber ?? 0) + 1,
        content: input.content,
        note: input.note,
      },
    });
    await audit(tx, {
      action: "prompt.created",
      outcome: "success",
      target: { type: "agent_profile", id: profile.id },
      projectId: profile.projectId ?? undefined,
      after: {
        profile: profile.name,
        versionNumber: version.versionNumber,
        note: version.note,
        contentLength: version.content.length,
      },
    });
    return version;
  });
}

export async function activatePromptVersion(db: Db, input: ActivatePromptVersionInput, audit: ActionAudit) {
  return db.$transaction(async (tx) => {
    const profile = await lockProfile(tx, input.profileId);
    const target = await tx.promptVersion.findFirst({ where: { id: input.versionId, profileId: input.profileId } });
    if (!target) throw new ActionError("Version: no such version of this profile.", "versionId");
    const previous = await tx.promptVersion.findMany({
      where: { profileId: input.profileId, isActive: true },
      orderBy: { versionNumber: "desc" },
      select: { versionNumber: true },
    });
    await tx.promptVersion.updateMany({
      where: { profileId: input.profileId, isActive: true, id: { not: target.id } },
      data: { isActive: false },
    });
    const version = await tx.promptVersion.update({ where: { id: target.id }, data: { isActive: true } });
    await audit(tx, {
      action: "prompt.activated",
      outcome: "success",
      target: { type: "agent_profile", id: profile.id },
      projectId: profile.projectId ?? undefined,
      before: { versionNumber: previous[0]?.versionNumber ?? null },
      after: { versionNumber: version.versionNumber },
      details: { profile: profile.name },
    });
    return version;
  });
}
