import "server-only";
// Prepared statements per SQL text on one better-sqlite3 handle. Preparing costs more than
// running a small statement, and the ingest hot path runs the same few statements thousands
// of times a second; a bounded cache keeps every repeated text prepared once.
import type BetterSqlite3 from "better-sqlite3";

const LIMIT = 500;

export class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly handle: BetterSqlite3.Database,
    /** applied once to each new statement (e.g. safe integers for Prisma's results) */
    private readonly setup: (statement: BetterSqlite3.Statement) => void = () => {},
  ) {}

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // least recently used first: re-insert on use
      this.statements.delete(sql);
    } else {
      statement = this.handle.prepare(sql);
      this.setup(statement);
      if (this.statements.size >= LIMIT) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, statement);
    return statement;
  }
}
