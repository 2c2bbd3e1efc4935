import "server-only";
// adapter-pg, patched for the schema engine (defects seen in 7.10):
// - executeScript splits on ";" and runs pieces one by one, so a failing migration would
//   leave PostgreSQL half-migrated. We send the whole script as one simple query, which
//   PostgreSQL runs as one implicit transaction.
// - the shadow database is dropped before its pool is closed, so the drop fails. We close
//   first, then drop.
// - introspection returns PostgreSQL's internal "char" type (OID 18), which the adapter
//   rejects. We report it as text (OID 25).
import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { pgPoolConfig } from "../adapters";
import type { PostgresTarget } from "../database-url";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Queryable = { query: (...args: unknown[]) => unknown };

function fixCharFields(result: unknown): unknown {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const f of fields) if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

function patchQuery<T extends Queryable>(target: T): T {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    // pg-pool calls client.query(text, values, callback); the adapter awaits a promise.
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as (err: unknown, res: unknown) => void;
      args[args.length - 1] = (err: unknown, res: unknown) => callback(err, err ? res : fixCharFields(res));
      return original(...args);
    }
    const out = original(...args);
    return out instanceof Promise ? out.then(fixCharFields) : out;
  };
  return target;
}

function patchedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  // Every query, pooled or in a transaction, runs on a pool client: patch each new one.
  pool.on("connect", (client) => {
    patchQuery(client as unknown as Queryable);
  });
  return pool;
}

/** A PostgreSQL error as the engine expects it: the public DriverAdapterError shape. */
function driverError(error: unknown): unknown {
  const e = error as Partial<pg.DatabaseError> | undefined;
  if (!e || typeof e.code !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: e.severity ?? "ERROR",
    message: e.message ?? String(error),
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}

async function adapterOn(pool: pg.Pool) {
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw driverError(error);
    }
  };
  return adapter;
}

async function adminQuery(target: PostgresTarget, sql: string): Promise<void> {
  const client = new pg.Client(pgPoolConfig(target));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function pgMigrationAdapterFactory(target: PostgresTarget) {
  const config = pgPoolConfig(target);
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    async connect() {
      return adapterOn(patchedPool(config));
    },
    async connectToShadowDb() {
      const name = `observatory_shadow_${randomUUID().replace(/-/g, "")}`;
      await adminQuery(target, `CREATE DATABASE "${name}"`);
      const adapter = await adapterOn(patchedPool({ ...config, database: name }));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(target, `DROP DATABASE IF EXISTS "${name}"`);
      };
      return adapter;
    },
  };
}
