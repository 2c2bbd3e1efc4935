import { parseTimestamp } from "@/lib/ingest/schemas";
import { parseLocalTime } from "./local-time";
import type { MapContext, SystemName } from "./types";

/** Timestamps as these sources store them: SQLite CURRENT_TIMESTAMP text, ISO-8601 with or
 * without a zone (zone-less is UTC), PostgreSQL timestamptz (Date), or epoch numbers. */
export function parseSourceTime(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "bigint") value = Number(value);
  if (typeof value === "number") {
    // epoch seconds (the usual SQLite unixepoch) or milliseconds
    return parseTimestamp(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value === "string") return parseTimestamp(value);
  return undefined;
}

export class RowContext implements MapContext {
  issues: string[] = [];

  constructor(
    readonly system: SystemName,
    readonly table: string,
    readonly key: string,
    readonly importedAt: Date,
    /** IANA zone of the source's local-time columns */
    readonly timeZone: string = "UTC",
  ) {}

  issue(reason: string): void {
    this.issues.push(reason);
  }

  time(value: unknown, field: string, fallback: Date = this.importedAt): Date {
    const parsed = parseSourceTime(value);
    if (parsed) return parsed;
    this.issue(
      value === null || value === undefined || value === "" ? `missing ${field}` : `unparseable timestamp in ${field}`,
    );
    return fallback;
  }

  optionalTime(value: unknown, field: string): Date | undefined {
    if (value === null || value === undefined || value === "") return undefined;
    const parsed = parseSourceTime(value);
    if (!parsed) this.issue(`unparseable timestamp in ${field}`);
    return parsed;
  }

  localTime(value: unknown, field: string): Date | undefined {
    if (value === null || value === undefined || value === "") return undefined;
    const parsed = parseLocalTime(value, this.timeZone);
    if (!parsed) this.issue(`unparseable timestamp in ${field}`);
    return parsed;
  }

  json(value: unknown, field: string): unknown {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "string") return value;
    if (value.trim() === "") return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      this.issue(`invalid JSON in ${field}`);
      return { raw: value };
    }
  }

  eventId(...parts: (string | number)[]): string {
    return [this.system, this.table, this.key, ...parts].join(":");
  }
}
