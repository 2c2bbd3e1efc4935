"use client";

export function LoadMore({
  hasMore,
  loading,
  error,
  onClick,
  what,
}: {
  hasMore: boolean;
  loading: boolean;
  error: boolean;
  onClick: () => void;
  what: string;
}) {
  if (!hasMore) return null;
  return (
    <div className="flex items-center justify-center gap-3 py-3">
      <button
        type="button"
        onClick={onClick}
        disabled={loading}
        className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-fg hover:bg-surface-hover disabled:opacity-60"
      >
        {loading ? "Loading…" : `Load more ${what}`}
      </button>
      {error && <span className="text-xs text-danger">Loading failed; try again.</span>}
    </div>
  );
}
