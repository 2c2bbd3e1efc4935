// The sessions list's URL vocabulary: sorts, defaults and the links that write filters back
// into a query string. Kept apart from the zod schema that reads them (session-filters.ts)
// so client components (filter bar, charts) link to the list without bundling zod.
import type { SessionFilters } from "./session-filters";

export const SESSION_SORTS = ["updated", "started", "duration", "tokens", "cost"] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const SORT_LABELS: Record<SessionSort, string> = {
  updated: "Last updated",
  started: "Started",
  duration: "Duration",
  tokens: "Tokens",
  cost: "Cost",
};

export const DEFAULT_FILTERS: SessionFilters = { status: [], errors: false, sort: "updated", dir: "desc" };

export type SearchParams = Record<string, string | string[] | undefined>;

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
    filters.status.length ||
    filters.phase ||
    filters.source ||
    filters.project ||
    filters.agent ||
    filters.from ||
    filters.to ||
    filters.errors ||
    filters.q,
  );
}
