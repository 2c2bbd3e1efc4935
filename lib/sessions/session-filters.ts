// The sessions list's filter, sort and page state. It lives in the URL, so back, forward
// and shared links work; parsing is lenient (a bad value is dropped, never an error page).
import { STATUSES, type Status } from "@/lib/ingest/status";

export const SESSION_SORTS = ["updated", "started", "duration", "tokens", "cost"] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];
export type SortDirection = "asc" | "desc";

export const SORT_LABELS: Record<SessionSort, string> = {
  updated: "Last updated",
  started: "Started",
  duration: "Duration",
  tokens: "Tokens",
  cost: "Cost",
};

export type SessionFilters = {
  status: Status[];
  phase?: string;
  source?: string;
  /** project slug */
  project?: string;
  /** agent type that ran in the session */
  agent?: string;
  /** YYYY-MM-DD (UTC day) or an ISO timestamp */
  from?: string;
  to?: string;
  errors: boolean;
  q?: string;
  sort: SessionSort;
  dir: SortDirection;
  cursor?: string;
};

export const DEFAULT_FILTERS: SessionFilters = { status: [], errors: false, sort: "updated", dir: "desc" };

export type SearchParams = Record<string, string | string[] | undefined>;

const MAX_TEXT = 200;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const trimmed = v?.trim();
  return trimmed ? trimmed.slice(0, MAX_TEXT) : undefined;
}

function isDateValue(value: string): boolean {
  if (DAY_PATTERN.test(value)) return !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

export function parseSessionFilters(params: SearchParams): SessionFilters {
  const statusValues = [params.status ?? []].flat().flatMap((v) => v.split(","));
  const status = STATUSES.filter((s) => statusValues.includes(s));
  const sort = first(params.sort);
  const dir = first(params.dir);
  const from = first(params.from);
  const to = first(params.to);
  const errors = first(params.errors);
  return {
    status,
    phase: first(params.phase),
    source: first(params.source),
    project: first(params.project),
    agent: first(params.agent),
    from: from && isDateValue(from) ? from : undefined,
    to: to && isDateValue(to) ? to : undefined,
    errors: errors === "1" || errors === "true",
    q: first(params.q),
    sort: SESSION_SORTS.includes(sort as SessionSort) ? (sort as SessionSort) : DEFAULT_FILTERS.sort,
    dir: dir === "asc" ? "asc" : "desc",
    cursor: first(params.cursor),
  };
}

/** The query string for these filters (defaults left out), with a leading "?" or "". */
export function sessionFiltersToQuery(filters: SessionFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.status.length > 0) params.set("status", filters.status.join(","));
  if (filters.phase) params.set("phase", filters.phase);
  if (filters.source) params.set("source", filters.source);
  if (filters.project) params.set("project", filters.project);
  if (filters.agent) params.set("agent", filters.agent);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.errors) params.set("errors", "1");
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set("sort", filters.sort);
  if (filters.dir !== DEFAULT_FILTERS.dir) params.set("dir", filters.dir);
  if (filters.cursor) params.set("cursor", filters.cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Link to the sessions list with these filters (unset fields take their defaults). */
export function sessionsHref(filters: Partial<SessionFilters> = {}): string {
  return `/sessions${sessionFiltersToQuery({ ...DEFAULT_FILTERS, ...filters })}`;
}

/** True when anything narrows the list (sort and page do not). */
export function hasActiveFilters(filters: SessionFilters): boolean {
  return Boolean(
    filters.status.length || filters.phase || filters.source || filters.project || filters.agent || filters.from || filters.to || filters.errors || filters.q,
  );
}

/** The startedAt range of the filters: a day value covers the whole UTC day. */
export function startedRange(filters: Pick<SessionFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filters.from) range.gte = DAY_PATTERN.test(filters.from) ? new Date(`${filters.from}T00:00:00Z`) : new Date(filters.from);
  if (filters.to) {
    range.lt = DAY_PATTERN.test(filters.to)
      ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 24 * 3600 * 1000)
      : new Date(filters.to);
  }
  return range;
}
