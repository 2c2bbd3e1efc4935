// Which BAZINGA schema a database has, from its tables and columns (shown in the import
// summary). The CLI's init_db.py records its migrations in schema_version (version, applied_at,
// description), v19 at the current commit; the dashboard-v2 e2e seeder writes its own
// one-column schema_version; the mini-dashboard seeder and the documented schema (seed 000,
// the CLI at 2025-11) have none. The mapping adapts to the columns present, not the number.
import { quoteIdent, type SqlSource } from "../source";
import { int } from "../sql-reader";

export type BazingaSchema = {
  /** for the summary, e.g. "v19 (18 tables)" */
  label: string;
  /** the schema_version number, when recorded */
  number?: number;
};

export async function detectBazingaSchema(source: SqlSource, tables: readonly string[]): Promise<BazingaSchema> {
  const own = tables.filter((t) => !t.startsWith("sqlite_"));
  const logColumns = tables.includes("orchestration_logs") ? await source.columns("orchestration_logs") : [];
  if (tables.includes("schema_version")) {
    const columns = await source.columns("schema_version");
    const row = (await source.all(`SELECT max(${quoteIdent("version")}) AS v FROM ${quoteIdent("schema_version")}`))[0];
    const number = int(row?.v);
    if (columns.includes("applied_at")) return { label: `v${number ?? "?"} (${own.length} tables)`, number };
    return { label: `dashboard-v2 fixture schema (schema_version ${number ?? "?"}, ${own.length} tables)`, number };
  }
  if (!logColumns.includes("log_type")) return { label: `documented schema, seed 000 (${own.length} tables)` };
  if (!tables.includes("state_snapshots")) return { label: `mini-dashboard fixture schema (${own.length} tables)` };
  return { label: `documented schema with later columns, no schema_version (${own.length} tables)` };
}
