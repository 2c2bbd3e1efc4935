import "server-only";
// Imports a source once, or follows it (`--watch`): each pass reads only what changed since
// the last one, using the state kept on the ImportSource row.
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { ensureProject } from "@/lib/projects/projects";
import { ImportError } from "./import-error";
import { isTimeZone } from "./local-time";
import { IMPORTERS } from "./registry";
import { POLL_INTERVAL } from "./source-schemas";
import { emptyState, recordImport, runImportPass, type ImportState, type PassSummary } from "./run-import";
import { SYSTEMS, type ImportOptions, type SystemName } from "./types";

export type ImportRequest = {
  db: Db;
  system: string;
  location: string;
  projectSlug?: string;
  /**
   * A registered source (Settings → Sources): its row must still exist; the project comes
   * from it. Without it the row is found or created from project, system and location.
   */
  sourceId?: string;
  dryRun?: boolean;
  options?: ImportOptions;
  onProgress?: (table: string, done: number, total: number) => void;
};

export function parseSystem(system: string): SystemName {
  if (!(SYSTEMS as readonly string[]).includes(system))
    throw new ImportError(`unknown system "${system}": expected one of ${SYSTEMS.join(", ")}`);
  const importer = IMPORTERS[system as SystemName];
  if (!importer) throw new ImportError(`the ${system} importer is not available yet`);
  return system as SystemName;
}

/** Where the source is, as stored: absolute paths, URLs without their password. */
export function normalizeLocation(location: string): string {
  if (/^postgres(ql)?:\/\//.test(location)) return location.replace(/(\/\/[^:/@]+):[^@]*@/, "$1@");
  return path.resolve(location);
}

function asState(value: unknown): ImportState {
  const v = value as Partial<ImportState> | null | undefined;
  return {
    watermarks: { ...(v?.watermarks ?? {}) },
    hashes: { ...(v?.hashes ?? {}) },
    revisions: { ...(v?.revisions ?? {}) },
    token: typeof v?.token === "string" ? v.token : undefined,
  };
}

/** `import --watch`'s default wait between passes: the same as a source registered in the UI. */
export const WATCH_INTERVAL_MS = POLL_INTERVAL.default * 1000;

/**
 * How often a pass that found the source unchanged still records itself (lastSyncAt): each
 * record is a commit in the app database, and on SQLite another process's commit makes every
 * open page reload, so a quiet source must not commit once a second.
 */
export const QUIET_RECORD_MS = 60_000;

export type Follower = {
  /** `record: true` records the pass even when nothing changed (a "sync now" the user waits to see) */
  pass: (options?: { record?: boolean }) => Promise<PassSummary>;
  close: () => Promise<void>;
};

/** Opens the source (validating it: nothing is written for a bad one) and prepares passes. */
export async function openImport(request: ImportRequest, audit: "always" | "on-change"): Promise<Follower> {
  const system = parseSystem(request.system);
  const importer = IMPORTERS[system]!;
  const zone = request.options?.timeZone;
  if (zone !== undefined && !isTimeZone(zone))
    throw new ImportError(`unknown time zone "${zone}": expected an IANA name such as UTC or Europe/Berlin`);
  const opened = await importer.open(request.location, request.options ?? {});
  const location = normalizeLocation(request.location);
  const { db } = request;
  let projectId = "";
  let sourceId = "";
  let state = emptyState();
  let timeZone = zone;
  if (!request.dryRun) {
    let record;
    if (request.sourceId) {
      // never recreate a source removed in the meantime
      record = await db.importSource.findUnique({ where: { id: request.sourceId } });
      if (!record) {
        await opened.close();
        throw new ImportError("this source was removed");
      }
    } else {
      const project = (await ensureProject(db, request.projectSlug ?? system)).id;
      // the server follows only sources an admin enabled (Settings → Sources), not every
      // file someone imported once from the command line
      record = await db.importSource.upsert({
        where: { projectId_system_location: { projectId: project, system, location } },
        create: { projectId: project, system, location, enabled: false, pollIntervalSec: POLL_INTERVAL.default },
        update: {},
      });
    }
    projectId = record.projectId;
    sourceId = record.id;
    state = asState(record.state);
    // a zone given now is kept for later passes (and the server's follower)
    if (zone !== undefined && zone !== record.timeZone)
      await db.importSource.update({ where: { id: record.id }, data: { timeZone: zone } });
    timeZone ??= record.timeZone ?? undefined;
  }
  let lastRecordAt = Number.NEGATIVE_INFINITY;
  let failed = false;
  return {
    async pass(passOptions) {
      try {
        const summary = await runImportPass(opened, {
          db,
          projectId,
          system,
          state,
          timeZone,
          dryRun: request.dryRun,
          onProgress: request.onProgress,
        });
        const quiet =
          summary.unchanged && !failed && !passOptions?.record && Date.now() - lastRecordAt < QUIET_RECORD_MS;
        if (!request.dryRun && !quiet) {
          await recordImport(db, { sourceId, projectId, location, summary, state, audit });
          lastRecordAt = Date.now();
        }
        failed = false;
        return summary;
      } catch (error) {
        failed = true;
        if (sourceId) {
          const message = error instanceof Error ? error.message : String(error);
          await db.importSource
            .update({ where: { id: sourceId }, data: { lastError: message.slice(0, 2000), updatedAt: new Date() } })
            .catch(() => {});
        }
        throw error;
      }
    },
    close: () => opened.close(),
  };
}

export async function importOnce(request: ImportRequest): Promise<PassSummary> {
  const follower = await openImport(request, "always");
  try {
    return await follower.pass();
  } finally {
    await follower.close();
  }
}

/** Passes until `signal` aborts; each pass is reported through `onPass`. */
export async function watchImport(
  request: ImportRequest & {
    intervalMs: number;
    signal: AbortSignal;
    onPass: (summary: PassSummary) => void;
    onError?: (error: unknown) => void;
  },
): Promise<void> {
  const follower = await openImport(request, "on-change");
  try {
    while (!request.signal.aborted) {
      try {
        request.onPass(await follower.pass());
      } catch (error) {
        if (error instanceof ImportError || !request.onError) throw error;
        request.onError(error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, request.intervalMs);
        request.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  } finally {
    await follower.close();
  }
}
