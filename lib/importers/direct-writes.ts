import "server-only";
// Imported records that have no ingest event type: source configuration, agent profiles,
// prompt versions and the source's own audit history (kept apart from our audit chain).
// Each is an idempotent upsert by its natural key; an unchanged record is not written.
import { canonicalJson } from "@/lib/audit/canonical-json";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type {
  ConfigEntry,
  DirectRecords,
  ProfileEntry,
  PromptVersionEntry,
  SourceAuditEntry,
  SystemName,
} from "./types";

type Fields = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** The fields of `data` that differ from `existing`. */
function changes(existing: Fields, data: Fields): Fields {
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && !same(existing[k], v)));
}

function defined(data: Fields): Fields {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : (value as Prisma.InputJsonValue);
}

export function hasDirectRecords(records: DirectRecords): boolean {
  return Boolean(
    records.configs?.length ||
    records.profiles?.length ||
    records.promptVersions?.length ||
    records.sourceAudit?.length,
  );
}

async function storeConfig(db: Db, projectId: string, system: SystemName, c: ConfigEntry): Promise<boolean> {
  const value = (c.value ?? null) as Prisma.InputJsonValue;
  const existing = await db.config.findFirst({
    where: { projectId, source: system, key: c.key },
    select: { id: true, value: true },
  });
  if (!existing) {
    await db.config.create({ data: { projectId, source: system, key: c.key, value } });
    return true;
  }
  if (same(existing.value, value)) return false;
  await db.config.update({ where: { id: existing.id }, data: { value, updatedAt: new Date() } });
  return true;
}

async function storeProfile(db: Db, projectId: string, system: SystemName, p: ProfileEntry): Promise<boolean> {
  const existing = await db.agentProfile.findUnique({ where: { projectId_name: { projectId, name: p.name } } });
  if (p.placeholder) {
    if (existing) return false;
    await db.agentProfile.create({
      data: { projectId, name: p.name, source: system, metadata: { placeholder: true } },
    });
    return true;
  }
  const data = defined({
    source: system,
    externalId: p.externalId,
    provider: p.provider,
    model: p.model,
    authType: p.authType,
    hasApiKey: p.hasApiKey ?? false,
    dailyLimit: p.dailyLimit,
    usageUnit: p.usageUnit,
    hardLimit: p.hardLimit,
    usageToday: p.usageToday,
    lastResetDate: p.lastResetDate,
    envOverrides: json(p.envOverrides),
    activePromptPath: p.activePromptPath,
    // replaces a placeholder's metadata too
    metadata: json(p.metadata ?? {}),
  });
  if (!existing) {
    await db.agentProfile.create({
      data: {
        ...(data as Prisma.AgentProfileUncheckedCreateInput),
        projectId,
        name: p.name,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt ?? new Date(),
      },
    });
    return true;
  }
  const update = changes(existing, data);
  if (Object.keys(update).length === 0) return false;
  await db.agentProfile.update({
    where: { id: existing.id },
    data: { ...update, updatedAt: p.updatedAt ?? new Date() },
  });
  return true;
}

async function storePromptVersion(
  db: Db,
  projectId: string,
  system: SystemName,
  v: PromptVersionEntry,
): Promise<boolean> {
  let created = false;
  let profile = await db.agentProfile.findUnique({
    where: { projectId_name: { projectId, name: v.profileName } },
    select: { id: true },
  });
  if (!profile) {
    // the source refers to a profile it does not have: keep the version under a stand-in
    profile = await db.agentProfile.create({
      data: { projectId, name: v.profileName, source: system, metadata: { placeholder: true } },
      select: { id: true },
    });
    created = true;
  }
  const data = defined({ content: v.content, note: v.note, isActive: v.isActive, externalId: v.externalId });
  const existing = await db.promptVersion.findUnique({
    where: { profileId_versionNumber: { profileId: profile.id, versionNumber: v.versionNumber } },
  });
  if (!existing) {
    await db.promptVersion.create({
      data: {
        ...(data as Omit<Prisma.PromptVersionUncheckedCreateInput, "profileId" | "versionNumber">),
        profileId: profile.id,
        versionNumber: v.versionNumber,
        createdAt: v.createdAt,
      },
    });
    return true;
  }
  const update = changes(existing, data);
  if (Object.keys(update).length === 0) return created;
  await db.promptVersion.update({ where: { id: existing.id }, data: update });
  return true;
}

async function storeSourceAudit(db: Db, projectId: string, system: SystemName, a: SourceAuditEntry): Promise<boolean> {
  const data = defined({
    source: system,
    eventType: a.eventType,
    sessionRef: a.sessionRef,
    userAction: a.userAction,
    details: json(a.details),
    ipAddress: a.ipAddress,
    timestamp: a.timestamp,
  });
  const existing = await db.sourceAuditRecord.findUnique({
    where: { projectId_externalId: { projectId, externalId: a.externalId } },
  });
  if (!existing) {
    await db.sourceAuditRecord.create({
      data: { ...(data as Prisma.SourceAuditRecordUncheckedCreateInput), projectId, externalId: a.externalId },
    });
    return true;
  }
  const update = changes(existing, data);
  if (Object.keys(update).length === 0) return false;
  await db.sourceAuditRecord.update({ where: { id: existing.id }, data: update });
  return true;
}

/** Stores one row's direct records; true when anything was created or changed. */
export async function storeDirectRecords(
  db: Db,
  projectId: string,
  system: SystemName,
  records: DirectRecords,
): Promise<boolean> {
  let changed = false;
  for (const c of records.configs ?? []) changed = (await storeConfig(db, projectId, system, c)) || changed;
  for (const p of records.profiles ?? []) changed = (await storeProfile(db, projectId, system, p)) || changed;
  for (const v of records.promptVersions ?? [])
    changed = (await storePromptVersion(db, projectId, system, v)) || changed;
  for (const a of records.sourceAudit ?? []) changed = (await storeSourceAudit(db, projectId, system, a)) || changed;
  return changed;
}
