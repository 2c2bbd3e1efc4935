import "server-only";
// Source rows the importers kept as they are (SourceRecord): tables and columns no mapping
// knows, and rows deleted in the source. Per session (sessionRef = its externalId) or, for
// rows with no session, per project.
import { db } from "@/lib/db/client";
import { smallJson } from "./list-payload";

export type SourceRecordRow = {
  id: string;
  source: string;
  table: string;
  rowKey: string;
  reason: string;
  data: unknown;
  dataOmitted: boolean;
  recordedAt: Date | null;
  deletedAt: Date | null;
  updatedAt: Date;
};

export type SourceRecordPage = {
  records: SourceRecordRow[];
  total: number;
  tables: { table: string; count: number }[];
};

export const SOURCE_RECORD_LIMIT = 200;

/** The kept records of one session (`sessionRef`), or of the project's rows without one (null). */
export async function loadSourceRecords(
  projectId: string,
  sessionRef: string | null,
  limit = SOURCE_RECORD_LIMIT,
): Promise<SourceRecordPage> {
  const where = { projectId, sessionRef };
  const [rows, groups] = await Promise.all([
    db().sourceRecord.findMany({
      where,
      orderBy: [{ table: "asc" }, { recordedAt: "asc" }, { rowKey: "asc" }],
      take: limit,
      select: {
        id: true,
        source: true,
        table: true,
        rowKey: true,
        reason: true,
        data: true,
        recordedAt: true,
        deletedAt: true,
        updatedAt: true,
      },
    }),
    db().sourceRecord.groupBy({ by: ["table"], where, _count: { _all: true }, orderBy: { table: "asc" } }),
  ]);
  const tables = groups.map((g) => ({ table: g.table, count: g._count._all }));
  return {
    records: rows.map((r) => {
      const data = smallJson(r.data, 20_000);
      return { ...r, data: data.value, dataOmitted: data.omitted };
    }),
    total: tables.reduce((n, t) => n + t.count, 0),
    tables,
  };
}
