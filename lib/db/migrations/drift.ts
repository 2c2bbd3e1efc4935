// The SQL that would bring the migration history up to prisma/schema.prisma: empty when the
// history is complete. It replays the history into a shadow database on `target`'s server.
import type { DatabaseTarget } from "../database-url";
import { openSchemaEngine } from "./engine";
import { datamodelFor, migrationList, NO_FILTERS } from "./history";

export async function schemaDrift(target: DatabaseTarget): Promise<string> {
  const datamodel = datamodelFor(target.kind);
  const { engine, close } = await openSchemaEngine(target, datamodel);
  try {
    const list = migrationList(target.kind);
    const from =
      list.migrationDirectories.length === 0 ? { tag: "empty" as const } : { tag: "migrations" as const, ...list };
    const out = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [datamodel] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = (out.stdout ?? "").trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  } finally {
    await close();
  }
}
