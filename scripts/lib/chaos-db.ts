// Reads the load-and-crash test's verdict straight from the database with plain SQL (not
// through the app), so a bug in the app's read path cannot hide a lost or doubled row.
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl } from "../../lib/db/database-url";

export type ChaosDb = {
  /** every Event row's externalId in the project, one entry per row */
  eventIds(projectId: string): Promise<string[]>;
  gateIds(projectId: string): Promise<string[]>;
  auditActions(action: string): Promise<number>;
  /** SQLite's PRAGMA integrity_check; undefined on PostgreSQL */
  integrityCheck(): Promise<string | undefined>;
  /** the self-test: removes one event row, as a crash that lost it would */
  deleteOneEvent(projectId: string): Promise<string>;
  close(): Promise<void>;
};

export async function openChaosDb(url: string): Promise<ChaosDb> {
  const target = parseDatabaseUrl(url);
  if (target.kind === "sqlite") {
    const sqlite = new Database(target.file);
    sqlite.pragma("busy_timeout = 10000");
    const column = (sql: string, ...params: unknown[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .all(...params) as string[];
    const count = (sql: string, ...params: unknown[]) =>
      Number(
        sqlite
          .prepare(sql)
          .pluck()
          .get(...params),
      );
    return {
      eventIds: async (projectId) => column('SELECT "externalId" FROM "Event" WHERE "projectId" = ?', projectId),
      gateIds: async (projectId) => column('SELECT "externalId" FROM "Gate" WHERE "projectId" = ?', projectId),
      auditActions: async (action) => count('SELECT COUNT(*) FROM "AuditEntry" WHERE "action" = ?', action),
      integrityCheck: async () => column("PRAGMA integrity_check").join("; "),
      deleteOneEvent: async (projectId) =>
        String(
          sqlite
            .prepare(
              'DELETE FROM "Event" WHERE "id" = (SELECT MIN("id") FROM "Event" WHERE "projectId" = ?) RETURNING "externalId"',
            )
            .pluck()
            .get(projectId),
        ),
      close: async () => {
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = async (sql: string, params: unknown[]) =>
    Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
  return {
    eventIds: async (projectId) => {
      // keyset pages: a million rows in one result would hold them all twice in memory
      const ids: string[] = [];
      for (let after = 0; ;) {
        const { rows } = await client.query<{ id: number; externalId: string }>(
          'SELECT "id", "externalId" FROM "Event" WHERE "projectId" = $1 AND "id" > $2 ORDER BY "id" LIMIT 50000',
          [projectId, after],
        );
        for (const r of rows) ids.push(r.externalId);
        if (rows.length < 50000) return ids;
        after = rows[rows.length - 1]!.id;
      }
    },
    gateIds: async (projectId) =>
      (
        await client.query<{ externalId: string }>('SELECT "externalId" FROM "Gate" WHERE "projectId" = $1', [
          projectId,
        ])
      ).rows.map((r) => r.externalId),
    auditActions: (action) => count('SELECT COUNT(*) AS n FROM "AuditEntry" WHERE "action" = $1', [action]),
    integrityCheck: async () => undefined,
    deleteOneEvent: async (projectId) =>
      (
        await client.query<{ externalId: string }>(
          'DELETE FROM "Event" WHERE "id" = (SELECT MIN("id") FROM "Event" WHERE "projectId" = $1) RETURNING "externalId"',
          [projectId],
        )
      ).rows[0]?.externalId ?? "",
    close: () => client.end(),
  };
}
