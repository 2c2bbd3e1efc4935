"use client";

// The sessions list's filter bar. The URL is the state: every change navigates to the new
// query (history entry per change, so back and forward step through filters); the page
// re-renders on the server with the new list.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { STATUSES, type Status } from "@/lib/ingest/status";
import type { SessionFacets } from "@/lib/sessions/session-facets";
import type { SessionFilters } from "@/lib/sessions/session-filters";
import {
  DEFAULT_FILTERS,
  hasActiveFilters,
  SESSION_SORTS,
  SORT_LABELS,
  sessionFiltersToQuery,
} from "@/lib/sessions/session-list-url";

type Props = { filters: SessionFilters; facets: SessionFacets };

const control =
  "border-line bg-surface text-fg h-8 rounded-md border px-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1";

function Field({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <label className={`flex flex-col gap-1 ${className}`}>
      <span className="text-xs font-medium text-fg-muted">{label}</span>
      {children}
    </label>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <Field label={label}>
      <select
        className={`${control} max-w-48`}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
      </select>
    </Field>
  );
}

/** Search as you type: one navigation per pause, or at once on Enter. */
function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(initial);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  useEffect(() => {
    if (text.trim() === initial) return;
    const timer = setTimeout(() => latest.current(text.trim() || undefined), 400);
    return () => clearTimeout(timer);
  }, [text, initial]);
  return (
    <Field label="Search id or mission" className="min-w-56 flex-1">
      <input
        type="search"
        className={control}
        value={text}
        placeholder="e.g. bazinga_2026 or rate limiter"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") latest.current(text.trim() || undefined);
        }}
      />
    </Field>
  );
}

const isDay = (v: string | undefined) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function SessionFiltersBar({ filters, facets }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: Partial<SessionFilters>) => {
    // any change of filters or sort starts from the first page
    const query = sessionFiltersToQuery({ ...filters, ...next, cursor: undefined });
    startTransition(() => router.push(`/sessions${query}`, { scroll: false }));
  };

  const toggleStatus = (status: Status) => {
    const set = new Set(filters.status);
    if (set.has(status)) set.delete(status);
    else set.add(status);
    go({ status: STATUSES.filter((s) => set.has(s)) });
  };

  const active = hasActiveFilters(filters);

  return (
    <search
      aria-label="Filter sessions"
      className="mb-4 space-y-3"
      aria-busy={pending}
      data-pending={pending ? "" : undefined}
    >
      <div className="flex flex-wrap items-end gap-3">
        {/* keyed by the URL's text, so back and forward show the search they went to */}
        <SearchBox key={filters.q ?? ""} initial={filters.q ?? ""} onSearch={(q) => go({ q })} />
        <Select
          label="Phase"
          value={filters.phase}
          options={facets.phases.map((p) => ({ value: p, label: p }))}
          onChange={(phase) => go({ phase })}
        />
        <Select
          label="Source"
          value={filters.source}
          options={facets.sources.map((s) => ({ value: s, label: s }))}
          onChange={(source) => go({ source })}
        />
        <Select
          label="Project"
          value={filters.project}
          options={facets.projects.map((p) => ({ value: p.slug, label: p.name }))}
          onChange={(project) => go({ project })}
        />
        <Select
          label="Agent type"
          value={filters.agent}
          options={facets.agentTypes.map((a) => ({ value: a, label: a }))}
          onChange={(agent) => go({ agent })}
        />
        <Field label="Started from">
          <input
            type="date"
            className={control}
            value={isDay(filters.from) ? filters.from : ""}
            onChange={(e) => go({ from: e.target.value || undefined })}
          />
        </Field>
        <Field label="Started to">
          <input
            type="date"
            className={control}
            value={isDay(filters.to) ? filters.to : ""}
            onChange={(e) => go({ to: e.target.value || undefined })}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="sr-only">Status</legend>
          <span className="mr-1 text-xs font-medium text-fg-muted" aria-hidden="true">
            Status
          </span>
          {STATUSES.map((status) => {
            const on = filters.status.includes(status);
            return (
              <button
                key={status}
                type="button"
                aria-pressed={on}
                onClick={() => toggleStatus(status)}
                className={`rounded-full ${on ? "ring-2 ring-accent ring-offset-1 ring-offset-[var(--surface)]" : "opacity-75 hover:opacity-100"}`}
              >
                <StatusBadge status={status} />
              </button>
            );
          })}
        </fieldset>
        <label className="flex items-center gap-1.5 text-sm text-fg">
          <input
            type="checkbox"
            className="size-4 accent-accent"
            checked={filters.errors}
            onChange={(e) => go({ errors: e.target.checked })}
          />
          Has errors
        </label>
        <div className="ml-auto flex items-end gap-2">
          <Field label="Sort by">
            <select
              className={control}
              value={filters.sort}
              onChange={(e) => go({ sort: e.target.value as SessionFilters["sort"] })}
            >
              {SESSION_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            className={`${control} hover:bg-surface-hover`}
            onClick={() => go({ dir: filters.dir === "desc" ? "asc" : "desc" })}
            aria-label={`Sort direction: ${filters.dir === "desc" ? "descending" : "ascending"}. Switch`}
          >
            {filters.dir === "desc" ? "↓ Desc" : "↑ Asc"}
          </button>
        </div>
      </div>
      {(active || (filters.from && !isDay(filters.from)) || (filters.to && !isDay(filters.to))) && (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          {filters.from && !isDay(filters.from) && (
            <span className="rounded-full border border-line bg-surface-2 px-2 py-0.5">
              Started after {filters.from.replace("T", " ").slice(0, 16)} UTC
            </span>
          )}
          {filters.to && !isDay(filters.to) && (
            <span className="rounded-full border border-line bg-surface-2 px-2 py-0.5">
              Started before {filters.to.replace("T", " ").slice(0, 16)} UTC
            </span>
          )}
          <button
            type="button"
            className="font-medium text-accent hover:underline"
            onClick={() => {
              startTransition(() =>
                router.push(
                  `/sessions${sessionFiltersToQuery({ ...DEFAULT_FILTERS, sort: filters.sort, dir: filters.dir })}`,
                ),
              );
            }}
          >
            Clear filters
          </button>
        </div>
      )}
    </search>
  );
}
