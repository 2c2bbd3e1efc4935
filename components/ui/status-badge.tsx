// Icon + text + colour, so a status never depends on colour alone.
import type { ReactNode } from "react";
import type { Status } from "@/lib/db/generated/sqlite/enums";
import { isUnmappedStatus } from "@/lib/ingest/status";
import {
  BanIcon,
  CheckCircleIcon,
  ClockIcon,
  HandIcon,
  HelpCircleIcon,
  HourglassIcon,
  PlayCircleIcon,
  XCircleIcon,
} from "@/components/icons";

type StatusStyle = { label: string; icon: ReactNode; className: string };

const iconSize = "size-3.5";

const styles: Record<Status, StatusStyle> = {
  pending: {
    label: "Pending",
    icon: <ClockIcon className={iconSize} />,
    className: "border-line bg-neutral-soft text-neutral",
  },
  running: {
    label: "Running",
    icon: <PlayCircleIcon className={iconSize} />,
    className: "border-info/40 bg-info-soft text-info",
  },
  awaiting_approval: {
    // The one status that needs a person: stronger border and weight.
    label: "Awaiting approval",
    icon: <HandIcon className={iconSize} />,
    className: "border-warn-line bg-warn-soft font-semibold text-warn",
  },
  completed: {
    label: "Completed",
    icon: <CheckCircleIcon className={iconSize} />,
    className: "border-ok/40 bg-ok-soft text-ok",
  },
  failed: {
    label: "Failed",
    icon: <XCircleIcon className={iconSize} />,
    className: "border-danger/40 bg-danger-soft text-danger",
  },
  cancelled: {
    label: "Cancelled",
    icon: <BanIcon className={iconSize} />,
    className: "border-line bg-neutral-soft text-neutral",
  },
  expired: {
    label: "Expired",
    icon: <HourglassIcon className={iconSize} />,
    className: "border-line bg-neutral-soft text-neutral",
  },
  unknown: {
    // a placeholder the source has no row for: shown apart, never as running
    label: "Unknown",
    icon: <HelpCircleIcon className={iconSize} />,
    className: "border-dashed border-line bg-neutral-soft text-neutral",
  },
};

export function statusLabel(status: Status): string {
  return styles[status].label;
}

/** The source's own status word, dashed so nobody mistakes the mapping for data. */
export function SourceStatusWord({ word, countedAs }: { word: string; countedAs: string }) {
  return (
    <span
      data-unmapped-status={word}
      title={`The source says "${word}", counted as ${countedAs} by its system's status map or a mapping rule.`}
      className="inline-flex items-center rounded border border-dashed border-warn-line px-1.5 py-0.5 font-mono text-[11px] whitespace-nowrap text-warn"
    >
      {word}
    </span>
  );
}

/**
 * The status, and beside it the source's own word when it is not one of ours (e.g.
 * "approved_pending_merge" counted as Pending): marked so nobody mistakes the mapping for data.
 */
export function StatusBadge({ status, sourceStatus }: { status: Status; sourceStatus?: string | null }) {
  const style = styles[status];
  const raw = sourceStatus?.trim();
  const unmapped = isUnmappedStatus(status, raw);
  return (
    <span className="inline-flex items-center gap-1">
      <span
        data-status={status}
        className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${style.className}`}
      >
        {style.icon}
        {style.label}
      </span>
      {unmapped && raw ? <SourceStatusWord word={raw} countedAs={style.label} /> : null}
    </span>
  );
}
