import "server-only";
// Admin edits of agent profiles, each audited with before/after in the same transaction.
import type { ActionAudit } from "@/lib/actions/role-action";
import { ActionError } from "@/lib/actions/action-result";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { ProfileFields, UpdateProfileInput } from "./profile-schemas";

type Tx = Prisma.TransactionClient;
type ProfileRow = Awaited<ReturnType<Db["agentProfile"]["findFirstOrThrow"]>>;

export function profileSnapshot(p: ProfileRow): Record<string, unknown> {
  return {
    projectId: p.projectId,
    name: p.name,
    provider: p.provider,
    model: p.model,
    dailyLimit: p.dailyLimit,
    usageUnit: p.usageUnit,
    hardLimit: p.hardLimit,
    envOverrides: p.envOverrides ?? null,
  };
}

/** A cleared JSON field is stored as SQL NULL (Prisma needs DbNull for that, not null). */
function data(fields: ProfileFields) {
  return { ...fields, envOverrides: fields.envOverrides ?? Prisma.DbNull };
}

/** The database's unique index treats NULL project ids as distinct, so global names are checked here. */
async function refuseClash(tx: Tx, fields: ProfileFields, exceptId?: string): Promise<void> {
  if (fields.projectId && !(await tx.project.findUnique({ where: { id: fields.projectId }, select: { id: true } }))) {
    throw new ActionError("Project: no such project.", "projectId");
  }
  const clash = await tx.agentProfile.findFirst({
    where: { projectId: fields.projectId, name: fields.name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash)
    throw new ActionError(
      `Name: ${fields.projectId ? "this project" : "the global scope"} already has a profile named "${fields.name}".`,
      "name",
    );
}

async function existing(tx: Tx, id: string): Promise<ProfileRow> {
  const profile = await tx.agentProfile.findUnique({ where: { id } });
  if (!profile) throw new ActionError("That profile no longer exists.", "id");
  return profile;
}

export async function createProfile(db: Db, fields: ProfileFields, audit: ActionAudit): Promise<ProfileRow> {
  return db.$transaction(async (tx) => {
    await refuseClash(tx, fields);
    const profile = await tx.agentProfile.create({ data: data(fields) });
    await audit(tx, {
      action: "profile.created",
      outcome: "success",
      target: { type: "agent_profile", id: profile.id },
      projectId: profile.projectId ?? undefined,
      after: profileSnapshot(profile),
    });
    return profile;
  });
}

export async function updateProfile(db: Db, input: UpdateProfileInput, audit: ActionAudit): Promise<ProfileRow> {
  const { id, ...fields } = input;
  return db.$transaction(async (tx) => {
    const before = await existing(tx, id);
    await refuseClash(tx, fields, id);
    const profile = await tx.agentProfile.update({
      where: { id },
      data: { ...data(fields), updatedAt: new Date() },
    });
    await audit(tx, {
      action: "profile.updated",
      outcome: "success",
      target: { type: "agent_profile", id },
      projectId: profile.projectId ?? undefined,
      before: profileSnapshot(before),
      after: profileSnapshot(profile),
    });
    return profile;
  });
}

export async function deleteProfile(db: Db, id: string, audit: ActionAudit): Promise<ProfileRow> {
  return db.$transaction(async (tx) => {
    const profile = await existing(tx, id);
    const versions = await tx.promptVersion.count({ where: { profileId: id } });
    await tx.agentProfile.delete({ where: { id } });
    await audit(tx, {
      action: "profile.deleted",
      outcome: "success",
      target: { type: "agent_profile", id },
      projectId: profile.projectId ?? undefined,
      before: profileSnapshot(profile),
      details: { promptVersionsDeleted: versions },
    });
    return profile;
  });
}
