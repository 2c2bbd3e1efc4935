import "server-only";
// Kysely's view of our tables, derived from the generated Prisma types: no second generator,
// no copied column lists. A table is its Prisma model (no @@map in the schema); a column is
// optional on insert where Prisma's createMany input makes it optional (a default). The
// column types say what the SQL layer accepts and what the databases hand back:
// - DateTime: a Date in; SQLite returns the stored ISO text, PostgreSQL a Date;
// - Json: JSON text in (`jsonText`, so a string value is never stored unquoted);
// - Boolean: a boolean in (stored 0/1 on SQLite); 0/1 or a boolean out.
// The dialect (./dialects.ts) turns Dates and booleans into each database's stored form.
import type { ColumnType } from "kysely";
import type { Prisma } from "../generated/sqlite/client";

type Models = Prisma.TypeMap["model"];
export type TableName = keyof Models;

type Scalars<T extends TableName> = Models[T]["payload"]["scalars"];
type CreateInput<T extends TableName> = Exclude<
  Models[T]["operations"]["createMany"]["args"]["data"],
  readonly unknown[]
>;

declare const jsonBrand: unique symbol;
/** A value serialized for a Json column. */
export type JsonText = string & { readonly [jsonBrand]: true };

export function jsonText(value: unknown): JsonText | null {
  return value === undefined || value === null ? null : (JSON.stringify(value) as JsonText);
}

type Nullable<V, T> = null extends V ? T | null : T;

type Column<V> = [Prisma.JsonValue] extends [NonNullable<V>]
  ? ColumnType<unknown, Nullable<V, JsonText>, Nullable<V, JsonText>>
  : [NonNullable<V>] extends [Date]
    ? ColumnType<Nullable<V, Date | string>, Nullable<V, Date>, Nullable<V, Date>>
    : [NonNullable<V>] extends [boolean]
      ? ColumnType<Nullable<V, boolean | number>, Nullable<V, boolean>, Nullable<V, boolean>>
      : V;

/** Insert-optional where Prisma has a default: `undefined` is written as NULL or left out. */
type WithDefault<C, Optional extends boolean> = Optional extends true
  ? C extends ColumnType<infer S, infer I, infer U>
    ? ColumnType<S, I | undefined, U>
    : ColumnType<C, C | undefined, C>
  : C;

type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;

export type TableOf<T extends TableName> = {
  [K in keyof Scalars<T>]: WithDefault<
    Column<Scalars<T>[K]>,
    K extends keyof CreateInput<T> ? IsOptional<CreateInput<T>, K> : true
  >;
};

export type DB = { [T in TableName]: TableOf<T> };
