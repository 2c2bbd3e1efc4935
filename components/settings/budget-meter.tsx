// Today's use against a profile's daily limit: a state badge (text, not colour alone) and a
// small progress bar.
import type { BudgetState } from "@/lib/profiles/budget-state";

const BADGE: Record<BudgetState, { label: string; className: string; bar: string }> = {
  ok: { label: "OK", className: "border-ok/40 bg-ok-soft text-ok", bar: "bg-ok" },
  warning: { label: "Warning", className: "border-warn-line bg-warn-soft text-warn", bar: "bg-warn" },
  over: { label: "Over", className: "border-danger/40 bg-danger-soft text-danger", bar: "bg-danger" },
  unlimited: { label: "No limit", className: "border-line bg-neutral-soft text-neutral", bar: "bg-neutral" },
};

export function formatUsage(value: number, unit: string): string {
  if (unit === "usd") return `$${value.toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${unit}`;
}

export function BudgetMeter({
  state,
  share,
  used,
  limit,
  unit,
}: {
  state: BudgetState;
  share: number | null;
  used: number;
  limit: number;
  unit: string;
}) {
  const style = BADGE[state];
  const pct = share === null ? null : Math.round(share * 100);
  return (
    <div className="min-w-40 space-y-1" data-testid="budget" data-state={state}>
      <div className="flex items-center gap-2">
        <span className={`rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${style.className}`}>
          {style.label}
        </span>
        <span className="text-xs whitespace-nowrap text-fg-muted tabular-nums">
          {formatUsage(used, unit)}
          {limit > 0 ? ` of ${formatUsage(limit, unit)}` : " today"}
        </span>
      </div>
      {pct !== null && (
        <div
          className="h-1.5 w-full overflow-hidden rounded-full bg-surface-2"
          role="progressbar"
          aria-label="Today's use of the daily limit"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.min(100, pct)}
          aria-valuetext={`${pct}%`}
        >
          <div className={`h-full ${style.bar}`} style={{ width: `${Math.min(100, pct)}%` }} />
        </div>
      )}
    </div>
  );
}
