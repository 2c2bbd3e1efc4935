import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRightIcon } from "@/components/icons";
import { CompareBar } from "@/components/sessions/compare-bar";
import { NoSessions } from "@/components/sessions/no-sessions";
import { SessionFiltersBar } from "@/components/sessions/session-filters";
import { SessionListTable } from "@/components/sessions/session-list-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveIndicator, LiveProvider, LiveRefresh } from "@/components/ui/live-provider";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { sessionFacets } from "@/lib/sessions/session-facets";
import { parseSessionFilters } from "@/lib/sessions/session-filters";
import { listSessionPage } from "@/lib/sessions/session-list-query";
import { hasActiveFilters, sessionFiltersToQuery, type SearchParams } from "@/lib/sessions/session-list-url";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const PAGE_SIZE = 50;

export default async function SessionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = parseSessionFilters(await searchParams);
  const [page, facets] = await Promise.all([listSessionPage(db(), filters, PAGE_SIZE), sessionFacets()]);
  const filtered = hasActiveFilters(filters);
  const firstPage = sessionFiltersToQuery({ ...filters, cursor: undefined });
  return (
    <LiveProvider>
      <LiveRefresh minIntervalMs={1_500} />
      <PageHeader
        title="Sessions"
        description="Every orchestration session across projects. Filters live in the URL, so links and the back button keep them."
        actions={<LiveIndicator />}
      />
      <SessionFiltersBar filters={filters} facets={facets} />
      <Card
        title={filtered ? "Matching sessions" : "All sessions"}
        description={filters.cursor ? "A later page" : `Up to ${PAGE_SIZE} per page`}
        actions={<CompareBar />}
      >
        {page.items.length > 0 ? (
          <SessionListTable
            sessions={page.items}
            now={page.asOf}
            time={filters.sort === "started" ? "startedAt" : "updatedAt"}
          />
        ) : filtered ? (
          <EmptyState
            title="No sessions match these filters."
            action={
              <Link className="font-medium text-accent hover:underline" href="/sessions">
                Clear filters
              </Link>
            }
          >
            <p>Widen the date range or remove a filter.</p>
          </EmptyState>
        ) : (
          <NoSessions />
        )}
        {(filters.cursor || page.nextCursor) && (
          <nav aria-label="Pages" className="flex items-center justify-between border-t border-line px-4 py-2 text-sm">
            {filters.cursor ? (
              <Link href={`/sessions${firstPage}`} className="font-medium text-accent hover:underline">
                First page
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link
                href={`/sessions${sessionFiltersToQuery({ ...filters, cursor: page.nextCursor })}`}
                className="inline-flex items-center gap-1 font-medium text-accent hover:underline"
                data-testid="next-page"
              >
                Next page <ArrowRightIcon className="size-3.5" />
              </Link>
            )}
          </nav>
        )}
      </Card>
    </LiveProvider>
  );
}
