// A USD-per-1M-tokens rate in a table cell; an unset optional rate shows what it falls back to.
export function UsdRate({ value, fallback }: { value: number | null; fallback?: string }) {
  if (value === null) {
    return (
      <span className="text-fg-subtle" title={fallback ? `not set: billed at the ${fallback} rate` : undefined}>
        —
      </span>
    );
  }
  return <span className="tabular-nums">${value.toLocaleString("en-US", { maximumFractionDigits: 6 })}</span>;
}
