// The sessions list's filters, sort and cursor: one zod schema read by the sessions page
// (from its URL, leniently: a bad value is dropped, never an error page) and by
// GET /api/v1/sessions (strictly: a bad value is a 400 naming it). Links that write the
// filters back live in session-list-url.ts, which client components import without zod.
import { z } from "zod";
import { STATUSES, type Status } from "@/lib/ingest/status";
import { SESSION_SORTS, SORT_DIRECTIONS, type SearchParams } from "./session-list-url";

export const MAX_FILTER_TEXT = 200;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const text = z
  .string()
  .trim()
  .max(MAX_FILTER_TEXT, `must be at most ${MAX_FILTER_TEXT} characters`)
  .optional()
  .transform((v) => v || undefined)
  .optional();

/** Comma-separated statuses; an unknown one is an error naming it. */
const statusList = z
  .string()
  .optional()
  .transform((v, ctx): Status[] => {
    const parts = (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = parts.find((p) => !(STATUSES as readonly string[]).includes(p));
    if (bad) {
      ctx.addIssue({ code: "custom", message: `"${bad}" is not one of ${STATUSES.join(", ")}` });
      return z.NEVER;
    }
    // in the order of STATUSES, once each
    return STATUSES.filter((s) => parts.includes(s));
  });

/** YYYY-MM-DD (a whole UTC day) or an ISO timestamp, kept as written. */
const dateValue = z
  .string()
  .trim()
  .optional()
  .refine(
    (v) =>
      !v ||
      (DAY_PATTERN.test(v)
        ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        : /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))),
    "must be a day (YYYY-MM-DD) or an ISO-8601 timestamp",
  )
  .transform((v) => v || undefined)
  .optional();

export const sessionFiltersSchema = z.object({
  status: statusList,
  phase: text,
  source: text,
  /** project slug */
  project: text,
  /** agent type that ran in the session */
  agent: text,
  from: dateValue,
  to: dateValue,
  errors: z
    .enum(["1", "true", "0", "false", ""], { error: "must be 1, true, 0 or false" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
  q: text,
  // the defaults are DEFAULT_FILTERS' (a test holds them equal; importing them would be circular)
  sort: z.enum(SESSION_SORTS).default("updated"),
  dir: z.enum(SORT_DIRECTIONS).default("desc"),
  cursor: z.string().max(500, "must be at most 500 characters").optional(),
});

export type SessionFilters = z.output<typeof sessionFiltersSchema>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The page's reading of its URL: a value that does not parse is dropped (its default applies). */
export function parseSessionFilters(params: SearchParams): SessionFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(sessionFiltersSchema.shape)) {
    const value = key === "status" ? [params.status ?? []].flat().join(",") : first(params[key]);
    // long text is shortened rather than dropped: a pasted search still searches
    if (value) raw[key] = key === "cursor" ? value : value.trim().slice(0, MAX_FILTER_TEXT);
  }
  // a hand-edited link keeps the statuses it names correctly
  if (raw.status)
    raw.status = raw.status
      .split(",")
      .filter((s) => (STATUSES as readonly string[]).includes(s.trim()))
      .join(",");
  for (;;) {
    const parsed = sessionFiltersSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const bad = parsed.error.issues.map((i) => String(i.path[0]));
    if (!bad.some((key) => key in raw)) return sessionFiltersSchema.parse({});
    for (const key of bad) delete raw[key];
  }
}

/** The startedAt range of the filters: a day value covers the whole UTC day. */
export function startedRange(filters: Pick<SessionFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filters.from)
    range.gte = DAY_PATTERN.test(filters.from) ? new Date(`${filters.from}T00:00:00Z`) : new Date(filters.from);
  if (filters.to) {
    range.lt = DAY_PATTERN.test(filters.to)
      ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 24 * 3600 * 1000)
      : new Date(filters.to);
  }
  return range;
}
