import "server-only";
// Which database a client talks to, and its SQL builder: filled by createDb (lib/db/client.ts)
// for each client it makes, and for each interactive transaction of that client. Kept on
// globalThis: Next.js bundles lib/db more than once, and a client made by one copy must be
// known to every other.
import type { Kysely } from "kysely";
import type { DatabaseKind } from "../database-url";
import type { RawClient, SqlDialect, TransactionalClient, TransactionOptions } from "./dialects";
import type { DB } from "./schema";

type Entry = { dialect: SqlDialect; tx: boolean };

type TransactionFn = (fn: (tx: unknown) => Promise<unknown>, options?: unknown) => Promise<unknown>;

const holder = globalThis as unknown as { __observatorySql?: WeakMap<object, Entry> };
const entries = (holder.__observatorySql ??= new WeakMap<object, Entry>());

/** Records `client`'s dialect; its interactive transactions are recorded as they start. */
export function registerClient<C extends { $transaction: unknown }>(client: C, dialect: SqlDialect): C {
  entries.set(client, { dialect, tx: false });
  const transaction = (client.$transaction as TransactionFn).bind(client);
  (client as { $transaction: unknown }).$transaction = (arg: unknown, options?: unknown) =>
    typeof arg === "function"
      ? transaction((tx) => {
          entries.set(tx as object, { dialect, tx: true });
          return (arg as (tx: unknown) => Promise<unknown>)(tx);
        }, options)
      : (transaction as unknown as (batch: unknown, options?: unknown) => Promise<unknown>)(arg, options);
  return client;
}

/** Records the client bound to the SQLite connection's own write transaction (sqliteDialect's `bound`). */
export function registerTransactionClient<C extends object>(client: C, dialect: SqlDialect): C {
  entries.set(client, { dialect, tx: true });
  return client;
}

/**
 * Runs `fn` in one write transaction of `client`, committed before it answers and rolled back
 * whole when `fn` throws: the ingest path's (SqlDialect.transaction).
 */
export function writeTransaction<Tx, T>(
  client: TransactionalClient<Tx>,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  return entryOf(client).dialect.transaction(client, fn, options);
}

function entryOf(client: object): Entry {
  const entry = entries.get(client);
  if (!entry)
    throw new Error(
      "sql: this client was not made by createDb (lib/db/client.ts), or is a transaction of one that was not",
    );
  return entry;
}

export function dialectOf(client: object): SqlDialect {
  return entryOf(client).dialect;
}

/** The database a client or transaction client talks to: the one way to ask. */
export function kindOf(client: object): DatabaseKind {
  return entryOf(client).dialect.kind;
}

/** Whether `client` is a transaction (its statements belong to an open transaction). */
export function isTransaction(client: object): boolean {
  return entryOf(client).tx;
}

/** The typed SQL builder on `client`'s connection, or inside the transaction `client` is. */
export function sqlFor(client: RawClient): Kysely<DB> {
  const { dialect, tx } = entryOf(client);
  return tx ? dialect.kyselyIn(client) : dialect.kysely();
}
