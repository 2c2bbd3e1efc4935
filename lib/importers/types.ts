import type { IngestEventInput } from "@/lib/ingest/schemas";
import type { Row } from "./source";

export const SYSTEMS = ["bazinga", "tac", "studio", "agents-orchestrator", "beads"] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** What a mapper may produce from one source row besides ingest events. */
export type ConfigEntry = { key: string; value: unknown };

/** An agent profile (studio agent_settings). Only whether an API key was set is kept, never the key. */
export type ProfileEntry = {
  name: string;
  externalId?: string;
  /** a stand-in for a profile the source refers to but does not have: never overwrites one */
  placeholder?: boolean;
  provider?: string;
  model?: string;
  authType?: string;
  hasApiKey?: boolean;
  dailyLimit?: number;
  usageUnit?: string;
  hardLimit?: boolean;
  usageToday?: number;
  lastResetDate?: Date;
  envOverrides?: unknown;
  activePromptPath?: string;
  metadata?: Record<string, unknown>;
  createdAt?: Date;
  updatedAt?: Date;
};

/** A prompt version of a profile, by the profile's name. */
export type PromptVersionEntry = {
  profileName: string;
  versionNumber: number;
  content: string;
  note?: string;
  isActive: boolean;
  externalId?: string;
  createdAt?: Date;
};

/** An audit record of the source system, kept apart from our own audit chain. */
export type SourceAuditEntry = {
  externalId: string;
  eventType: string;
  sessionRef?: string;
  userAction?: string;
  details?: unknown;
  ipAddress?: string;
  timestamp: Date;
};

/** Records that have no ingest event type; stored directly (see direct-writes.ts). */
export type DirectRecords = {
  configs?: ConfigEntry[];
  profiles?: ProfileEntry[];
  promptVersions?: PromptVersionEntry[];
  sourceAudit?: SourceAuditEntry[];
};

/**
 * A source row kept as it is, not mapped: a table or columns the mapping does not know. Shown
 * on the session whose externalId is `sessionRef`, or per project when it has none.
 */
export type RawRecord = {
  /** why it is kept: "unmapped table", "unmapped columns", "orphaned", … */
  reason: string;
  sessionRef?: string;
  /** the row's own time, when it has one (never the import time) */
  at?: Date;
  data: Record<string, unknown>;
};

export type Mapped = {
  events: IngestEventInput[];
  /** parts of the row kept raw (stored as SourceRecord, one per row and reason) */
  raw?: RawRecord[];
  /**
   * Append-only records (logs, metrics) of a mutable row. Their ids are not tied to the row's
   * content hash, so a row that changes later never stores them twice.
   */
  once?: IngestEventInput[];
} & DirectRecords;

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
  /**
   * Parses a timestamp the source wrote in local time (Python datetime.now(), …): a value
   * without a zone is read in the source's time zone (ImportOptions.timeZone).
   */
  localTime(value: unknown, field: string): Date | undefined;
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
  /**
   * Mutable readers: what a row that disappeared from the source becomes (e.g. a task event
   * with status "deleted"). Without it the row is only recorded as deleted (SourceRecord).
   */
  deleted?(key: string, ctx: MapContext): Mapped;
  key(row: Row): string;
  /** Rows after the watermark (append) or all rows (mutable). */
  read(since: string | number | undefined): Promise<Row[]>;
  map(row: Row, ctx: MapContext): Mapped;
}

export interface OpenedImport {
  readonly readers: TableReader[];
  /** the schema version detected from the tables and columns present, e.g. "v19 (18 tables)" */
  readonly version?: string;
  /**
   * A cheap fingerprint of the whole source (PRAGMA data_version and file sizes/mtimes, a
   * PostgreSQL per-table xmin/count fingerprint, a folder's file stats): a pass is skipped when
   * it is unchanged since the last one. Undefined: always read.
   */
  changeToken?(): Promise<string | undefined>;
  close(): Promise<void>;
}

export type ImportOptions = {
  /** IANA zone of the source's local-time columns; default: this server's zone */
  timeZone?: string;
  /** beads: a Beads issue store (.beads/issues.jsonl or beads.db) to import as tasks */
  beads?: string;
};

export interface Importer {
  readonly system: SystemName;
  /** Opens the source read-only; throws ImportError for a bad or foreign source. */
  open(location: string, options: ImportOptions): Promise<OpenedImport>;
}
