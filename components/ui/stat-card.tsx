import Link from "next/link";
import type { ReactNode } from "react";
import { formatCount } from "./format-count";

/** `attention` draws the eye (amber), `alert` marks a problem (red); both only when value > 0. */
export type StatTone = "default" | "attention" | "alert";

type StatCardProps = {
  label: string;
  value: number;
  /** Becomes data-testid="stat-<testKey>" on the value. */
  testKey: string;
  hint?: ReactNode;
  icon?: ReactNode;
  tone?: StatTone;
  /** The value as shown, when it is not a plain count (a percentage, an amount). */
  display?: string;
  /** The list behind the figure; the whole card becomes a link to it. */
  href?: string;
  /** A small trend drawn under the value. */
  trend?: ReactNode;
};

const toneClasses: Record<StatTone, { card: string; value: string }> = {
  default: { card: "border-line bg-surface", value: "text-fg" },
  attention: { card: "border-warn-line bg-warn-soft", value: "text-warn" },
  alert: { card: "border-danger/60 bg-danger-soft", value: "text-danger" },
};

export function StatCard({ label, value, testKey, hint, icon, tone = "default", display, href, trend }: StatCardProps) {
  const classes = toneClasses[value > 0 ? tone : "default"];
  const shown = display ?? formatCount(value);
  return (
    <div
      className={`relative rounded-lg border px-4 py-3 ${classes.card} ${href ? "focus-within:border-line-strong hover:border-line-strong" : ""}`}
    >
      <dt className="flex items-center gap-1.5 text-xs font-medium text-fg-muted">
        {icon}
        {label}
      </dt>
      <dd
        data-testid={`stat-${testKey}`}
        data-value={value}
        className={`mt-1 text-2xl font-semibold tracking-tight tabular-nums ${classes.value}`}
      >
        {href ? (
          // the link covers the card (after:inset-0), so the whole card is one target
          <Link
            href={href}
            aria-label={`${label}: ${shown}`}
            className="after:absolute after:inset-0 after:rounded-lg hover:underline"
          >
            {shown}
          </Link>
        ) : (
          shown
        )}
      </dd>
      {trend !== undefined && <dd className="mt-1">{trend}</dd>}
      {hint !== undefined && <dd className="mt-0.5 text-xs text-fg-subtle">{hint}</dd>}
    </div>
  );
}
