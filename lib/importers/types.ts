import type { IngestEventInput } from "@/lib/ingest/schemas";
import type { Row } from "./source";

export const SYSTEMS = ["bazinga", "tac", "studio", "agents-orchestrator", "beads"] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** What a mapper may produce from one source row besides ingest events. */
export type ConfigEntry = { key: string; value: unknown };

export type Mapped = { events: IngestEventInput[]; configs?: ConfigEntry[] };

/** Helpers a mapper uses; problems it reports are counted per reason in the summary. */
export interface MapContext {
  readonly system: SystemName;
  readonly importedAt: Date;
  /** Records a problem with the current row (it is still imported as well as it can be). */
  issue(reason: string): void;
  /** Parses a timestamp column; an unparseable value is an issue and falls back. */
  time(value: unknown, field: string, fallback?: Date): Date;
  /** Like `time`, but undefined for an empty value. */
  optionalTime(value: unknown, field: string): Date | undefined;
  /** Parses a JSON column; invalid JSON is an issue and yields { raw: text }. */
  json(value: unknown, field: string): unknown;
  /** An event id unique to this system, table, row and position. */
  eventId(...parts: (string | number)[]): string;
}

export type ReaderMode =
  /** immutable rows, read past a watermark column */
  | { kind: "append"; column: string }
  /** rows that change: re-read each pass, sent when their content hash changed */
  | { kind: "mutable" };

export interface TableReader {
  /** label in progress and summaries, e.g. "orchestration_logs" */
  readonly table: string;
  readonly mode: ReaderMode;
  key(row: Row): string;
  /** Rows after the watermark (append) or all rows (mutable). */
  read(since: string | number | undefined): Promise<Row[]>;
  map(row: Row, ctx: MapContext): Mapped;
}

export interface OpenedImport {
  readonly readers: TableReader[];
  close(): Promise<void>;
}

export type ImportOptions = {
  /** beads: a Beads issue store (.beads/issues.jsonl or beads.db) to import as tasks */
  beads?: string;
};

export interface Importer {
  readonly system: SystemName;
  /** Opens the source read-only; throws ImportError for a bad or foreign source. */
  open(location: string, options: ImportOptions): Promise<OpenedImport>;
}
