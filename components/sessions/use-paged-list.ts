"use client";

// A list whose first page comes from the server (and is refreshed with the page on live
// changes) and whose later pages load on request and stay loaded.
import { useState, useTransition } from "react";

type Page<T> = { items: T[]; nextCursor: string | null };

export function usePagedList<T extends { id: string | number }>(
  first: Page<T>,
  load: (cursor: string) => Promise<Page<T>>,
) {
  const [extra, setExtra] = useState<Page<T> | null>(null);
  const [loading, startTransition] = useTransition();
  const [error, setError] = useState(false);
  const seen = new Set(first.items.map((i) => i.id));
  const items = [...first.items, ...(extra?.items.filter((i) => !seen.has(i.id)) ?? [])];
  const nextCursor = extra ? extra.nextCursor : first.nextCursor;
  const loadMore = () => {
    if (!nextCursor) return;
    setError(false);
    startTransition(async () => {
      try {
        const page = await load(nextCursor);
        setExtra((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
      } catch {
        setError(true);
      }
    });
  };
  return { items, hasMore: nextCursor !== null, loading, error, loadMore };
}
