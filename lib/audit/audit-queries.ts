import "server-only";
// Reading the audit trail: one filter contract (zod, from URL search params) shared by the
// Audit page and its CSV / NDJSON export. Newest first, keyset-paginated by seq, so a page
// costs the same however deep it is and an export streams in bounded pages.
import { z } from "zod";
import type { Role } from "@/lib/auth/users";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { containsInsensitive } from "@/lib/db/text-search";
import { csvLine } from "@/lib/export/csv";
import { firstIssue } from "@/lib/validation/zod-issues";

/** Who may read and export the trail: it holds IP addresses and every user's actions. */
export const AUDIT_READER_ROLE: Role = "admin";

export const AUDIT_OUTCOMES = ["success", "denied", "error"] as const;
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A datetime-local value ("2026-11-22T10:30") read as UTC, or a full ISO timestamp. */
const instant = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}Z`;
    const date = new Date(withZone);
    if (!/^\d{4}-\d\d-\d\d/.test(v) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a date and time like 2026-11-22T10:30 (UTC)" });
      return z.NEVER;
    }
    return date;
  });

export const auditFiltersSchema = z
  .object({
    action: text(100),
    actor: text(200),
    target: text(200),
    outcome: z
      .union([z.enum(AUDIT_OUTCOMES), z.literal("")], { error: `must be one of ${AUDIT_OUTCOMES.join(", ")}` })
      .optional()
      .transform((v) => (v ? v : undefined)),
    from: instant,
    to: instant,
    before: z.coerce
      .number({ error: "must be an entry number" })
      .int("must be an entry number")
      .positive("must be an entry number")
      .optional(),
    limit: z.coerce
      .number({ error: "must be a number" })
      .int()
      .min(1, "must be at least 1")
      .max(AUDIT_MAX_PAGE_SIZE, `must be at most ${AUDIT_MAX_PAGE_SIZE}`)
      .default(AUDIT_PAGE_SIZE),
  })
  .refine((f) => !f.from || !f.to || f.from.getTime() <= f.to.getTime(), {
    path: ["to"],
    message: "must not be before from",
  });

export type AuditFilters = z.output<typeof auditFiltersSchema>;
export type SearchParamsInput = Record<string, string | string[] | undefined>;

export type ParsedAuditFilters =
  { ok: true; filters: AuditFilters } | { ok: false; error: string; field: string; filters: AuditFilters };

const FILTER_KEYS = ["action", "actor", "target", "outcome", "from", "to", "before", "limit"] as const;

/** The filters of a URL; a bad field is named (and the page falls back to no filters). */
export function parseAuditFilters(params: SearchParamsInput | URLSearchParams): ParsedAuditFilters {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null && first !== "") raw[key] = first;
  }
  const parsed = auditFiltersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issue = firstIssue(parsed.error, { whole: "filter" });
  return { ok: false, field: issue.field ?? "", error: issue.text, filters: auditFiltersSchema.parse({}) };
}

/** The filters as URL search params (without the cursor), for links and the export. */
export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set("action", filters.action);
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.target) params.set("target", filters.target);
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  if (filters.limit !== AUDIT_PAGE_SIZE) params.set("limit", String(filters.limit));
  return params;
}

export function auditWhere(filters: AuditFilters): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (filters.action) and.push({ action: containsInsensitive(filters.action) });
  if (filters.actor)
    and.push({
      OR: [
        { actorName: containsInsensitive(filters.actor) },
        { actorId: { contains: filters.actor } },
        { actorType: filters.actor },
      ],
    });
  if (filters.target) and.push({ OR: [{ targetType: filters.target }, { targetId: { contains: filters.target } }] });
  if (filters.outcome) and.push({ outcome: filters.outcome });
  if (filters.from || filters.to)
    and.push({
      createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) },
    });
  if (filters.before) and.push({ seq: { lt: filters.before } });
  return and.length ? { AND: and } : {};
}

export const auditEntrySelect = {
  seq: true,
  createdAt: true,
  actorType: true,
  actorId: true,
  actorName: true,
  actorRole: true,
  action: true,
  targetType: true,
  targetId: true,
  projectId: true,
  outcome: true,
  ip: true,
  userAgent: true,
  requestId: true,
  details: true,
  before: true,
  after: true,
  hash: true,
} satisfies Prisma.AuditEntrySelect;

export type AuditEntryRow = Prisma.AuditEntryGetPayload<{ select: typeof auditEntrySelect }>;

export type AuditPage = { entries: AuditEntryRow[]; nextBefore: number | null };

/** One page, newest first; `nextBefore` is the cursor of the next (older) page. */
export async function listAuditEntries(db: Db, filters: AuditFilters): Promise<AuditPage> {
  const rows = await db.auditEntry.findMany({
    where: auditWhere(filters),
    orderBy: { seq: "desc" },
    take: filters.limit + 1,
    select: auditEntrySelect,
  });
  const more = rows.length > filters.limit;
  const entries = more ? rows.slice(0, filters.limit) : rows;
  return { entries, nextBefore: more ? (entries[entries.length - 1]?.seq ?? null) : null };
}

/** Every matching entry, newest first, read `pageSize` rows at a time. */
export async function* iterateAuditEntries(
  db: Db,
  filters: AuditFilters,
  pageSize = 500,
): AsyncGenerator<AuditEntryRow[]> {
  let before = filters.before;
  for (;;) {
    const page = await listAuditEntries(db, { ...filters, before, limit: pageSize });
    if (page.entries.length > 0) yield page.entries;
    if (page.nextBefore === null) return;
    before = page.nextBefore;
  }
}

export const AUDIT_CSV_HEADER = [
  "seq",
  "created_at",
  "actor_type",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "target_type",
  "target_id",
  "project_id",
  "outcome",
  "ip",
  "user_agent",
  "request_id",
  "details",
  "before",
  "after",
  "hash",
] as const;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export function auditCsvLine(e: AuditEntryRow): string {
  return csvLine([
    e.seq,
    e.createdAt.toISOString(),
    e.actorType,
    e.actorId,
    e.actorName,
    e.actorRole,
    e.action,
    e.targetType,
    e.targetId,
    e.projectId,
    e.outcome,
    e.ip,
    e.userAgent,
    e.requestId,
    json(e.details),
    json(e.before),
    json(e.after),
    e.hash,
  ]);
}

export function auditNdjsonLine(e: AuditEntryRow): string {
  return JSON.stringify({ ...e, createdAt: e.createdAt.toISOString() }) + "\n";
}

/** The filters as they are recorded in the audit.exported entry. */
export function filtersForAudit(filters: AuditFilters): Record<string, string | number> {
  return Object.fromEntries(auditFilterParams(filters).entries());
}

/** A one-line summary of an entry's details for the table. */
export function detailsSummary(details: unknown, max = 120): string {
  if (details === null || details === undefined) return "";
  if (typeof details !== "object" || Array.isArray(details)) return JSON.stringify(details).slice(0, max);
  const parts = Object.entries(details as Record<string, unknown>).map(
    ([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`,
  );
  const s = parts.join(", ");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
