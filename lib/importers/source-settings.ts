import "server-only";
// Settings → Sources: register, change, pause, remove and "sync now" for the sources the
// server follows (lib/importers/source-follower.ts). A source is validated by opening it
// with its system's importer (exists, is SQLite or reachable, is that system's database)
// before anything is written; each change is audited in its own transaction.
import path from "node:path";
import type { z } from "zod";
import { ActionError } from "@/lib/actions/action-result";
import type { AuditInput } from "@/lib/audit/append-audit";
import { authSecret } from "@/lib/auth/auth-secret";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { SLUG_PATTERN } from "@/lib/projects/projects";
import { ImportError } from "./import-error";
import { normalizeLocation } from "./import-source";
import { IMPORTERS } from "./registry";
import { registerSourceSchema, sourceIdSchema, updateSourceSchema } from "./source-schemas";
import { deleteSourceUrl, hasPassword, storeSourceUrl } from "./source-secret";
import { firstIssue } from "@/lib/validation/zod-issues";

type Tx = Prisma.TransactionClient;
/** Writes an audit entry in the caller's transaction (the server action's `audit`). */
export type SourceAudit = (tx: Tx, entry: Omit<AuditInput, "actor" | "ip" | "userAgent">) => Promise<number>;

const SYNC_SOURCE = "observatory";
const SYNC_PREFIX = "import-source.sync:";

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error);
  throw new ActionError(issue.text, issue.field);
}

const isUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

function checkLocationForm(location: string): void {
  if (isUrl(location)) {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new ActionError("location: not a valid PostgreSQL URL", "location");
    }
    if (url.searchParams.has("password"))
      throw new ActionError(
        "location: put the password in the URL's user part (user:password@host), not in its query",
        "location",
      );
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location))
    throw new ActionError("location: only file paths and postgresql:// URLs are supported", "location");
  if (!path.isAbsolute(location))
    throw new ActionError("location: give an absolute path on the server (e.g. /srv/bazinga/bazinga.db)", "location");
}

/** Opens the source with its system's importer and closes it again: the same checks an import makes. */
async function checkSource(system: keyof typeof IMPORTERS, location: string): Promise<void> {
  const importer = IMPORTERS[system];
  if (!importer) throw new ActionError(`system: the ${system} importer is not available`, "system");
  try {
    const opened = await importer.open(location, {});
    await opened.close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ActionError(
      `location: ${error instanceof ImportError ? message : `cannot open it: ${message}`}`,
      "location",
    );
  }
}

type SourceRow = {
  id: string;
  system: string;
  location: string;
  pollIntervalSec: number;
  timeZone: string | null;
  enabled: boolean;
  project: { slug: string };
};

/** What the audit trail records of a source: never a password (the location is stored without it). */
function snapshot(row: SourceRow): Record<string, unknown> {
  return {
    system: row.system,
    location: row.location,
    project: row.project.slug,
    pollIntervalSec: row.pollIntervalSec,
    timeZone: row.timeZone,
    enabled: row.enabled,
  };
}

export async function registerSource(
  db: Db,
  raw: unknown,
  audit: SourceAudit,
): Promise<{ id: string; location: string; project: string }> {
  const input = parse(registerSourceSchema, raw);
  let projectSlug: string;
  let existingProject: { id: string } | null = null;
  if (input.project !== "") {
    existingProject = await db.project.findUnique({ where: { slug: input.project }, select: { id: true } });
    if (!existingProject) throw new ActionError(`project: no project "${input.project}"`, "project");
    projectSlug = input.project;
  } else {
    if (input.newProject === "")
      throw new ActionError("newProject: choose a project or give a new project's slug", "newProject");
    if (!SLUG_PATTERN.test(input.newProject))
      throw new ActionError("newProject: lowercase letters, digits and dashes (e.g. payments-team)", "newProject");
    projectSlug = input.newProject;
    existingProject = await db.project.findUnique({ where: { slug: projectSlug }, select: { id: true } });
  }
  checkLocationForm(input.location);
  await checkSource(input.system, input.location);
  const location = normalizeLocation(input.location);
  if (existingProject) {
    const duplicate = await db.importSource.findUnique({
      where: { projectId_system_location: { projectId: existingProject.id, system: input.system, location } },
      select: { id: true },
    });
    if (duplicate)
      throw new ActionError(
        `location: this ${input.system} source is already registered in ${projectSlug}`,
        "location",
      );
  }
  const secret = hasPassword(input.location) ? await authSecret(db) : undefined;
  return db.$transaction(async (tx) => {
    const project =
      existingProject ??
      (await tx.project.upsert({
        where: { slug: projectSlug },
        create: { slug: projectSlug, name: projectSlug },
        update: {},
        select: { id: true },
      }));
    const row = await tx.importSource.create({
      data: {
        projectId: project.id,
        system: input.system,
        location,
        pollIntervalSec: input.pollIntervalSec,
        timeZone: input.timeZone || null,
        enabled: true,
      },
      include: { project: { select: { slug: true } } },
    });
    if (secret) await storeSourceUrl(tx, row.id, secret, input.location);
    await audit(tx, {
      action: "source.created",
      outcome: "success",
      target: { type: "import_source", id: row.id },
      projectId: project.id,
      after: snapshot(row),
      details: { passwordStored: secret !== undefined, projectCreated: existingProject === null },
    });
    return { id: row.id, location, project: projectSlug };
  });
}

async function findSource(db: Db | Tx, id: string): Promise<SourceRow & { projectId: string }> {
  const row = await db.importSource.findUnique({ where: { id }, include: { project: { select: { slug: true } } } });
  if (!row) throw new ActionError("id: this source does not exist (was it removed?)", "id");
  return row;
}

export async function updateSource(db: Db, raw: unknown, audit: SourceAudit): Promise<SourceRow> {
  const input = parse(updateSourceSchema, raw);
  return db.$transaction(async (tx) => {
    const before = await findSource(tx, input.id);
    const after = await tx.importSource.update({
      where: { id: input.id },
      data: {
        ...(input.pollIntervalSec !== undefined ? { pollIntervalSec: input.pollIntervalSec } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        updatedAt: new Date(),
      },
      include: { project: { select: { slug: true } } },
    });
    await audit(tx, {
      action: "source.updated",
      outcome: "success",
      target: { type: "import_source", id: after.id },
      projectId: after.projectId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

export async function removeSource(db: Db, raw: unknown, audit: SourceAudit): Promise<SourceRow> {
  const { id } = parse(sourceIdSchema, raw);
  return db.$transaction(async (tx) => {
    const before = await findSource(tx, id);
    await tx.importSource.delete({ where: { id } });
    await deleteSourceUrl(tx, id);
    await tx.config.deleteMany({ where: { projectId: null, source: SYNC_SOURCE, key: `${SYNC_PREFIX}${id}` } });
    await audit(tx, {
      action: "source.deleted",
      outcome: "success",
      target: { type: "import_source", id },
      projectId: before.projectId,
      before: snapshot(before),
    });
    return before;
  });
}

/** Asks whichever server process follows the source to run a pass now (picked up within seconds). */
export async function requestSync(db: Db, raw: unknown, audit: SourceAudit): Promise<SourceRow> {
  const { id } = parse(sourceIdSchema, raw);
  return db.$transaction(async (tx) => {
    const row = await findSource(tx, id);
    const key = `${SYNC_PREFIX}${id}`;
    await tx.config.deleteMany({ where: { projectId: null, source: SYNC_SOURCE, key } });
    await tx.config.create({ data: { source: SYNC_SOURCE, key, value: new Date().toISOString() } });
    await audit(tx, {
      action: "source.sync_requested",
      outcome: "success",
      target: { type: "import_source", id },
      projectId: row.projectId,
      details: snapshot(row),
    });
    return row;
  });
}

/** Source ids with a pending "sync now" request. */
export async function pendingSyncRequests(db: Db): Promise<string[]> {
  const rows = await db.config.findMany({
    where: { projectId: null, source: SYNC_SOURCE, key: { startsWith: SYNC_PREFIX } },
    select: { key: true },
  });
  return rows.map((r) => r.key.slice(SYNC_PREFIX.length));
}

export async function clearSyncRequest(db: Db, id: string): Promise<void> {
  await db.config.deleteMany({ where: { projectId: null, source: SYNC_SOURCE, key: `${SYNC_PREFIX}${id}` } });
}

export type SourceListItem = Awaited<ReturnType<typeof listSources>>[number];

/** Every source, for the settings page (also those the CLI imported once: they start paused). */
export async function listSources(db: Db) {
  const [sources, pending] = await Promise.all([
    db.importSource.findMany({
      orderBy: [{ createdAt: "asc" }],
      select: {
        id: true,
        system: true,
        location: true,
        pollIntervalSec: true,
        enabled: true,
        lastSyncAt: true,
        lastError: true,
        rowsImported: true,
        timeZone: true,
        lastSummary: true,
        createdAt: true,
        project: { select: { slug: true, name: true } },
      },
    }),
    pendingSyncRequests(db),
  ]);
  return sources.map((s) => ({ ...s, syncRequested: pending.includes(s.id) }));
}
