// Icon + text + colour for a source's state, so it never depends on colour alone.
import type { ReactNode } from "react";
import { BanIcon, CheckCircleIcon, ClockIcon, XCircleIcon } from "@/components/icons";
import type { SourceStatus } from "@/lib/importers/source-status";

const iconSize = "size-3.5";

const styles: Record<SourceStatus, { label: string; icon: ReactNode; className: string }> = {
  following: {
    label: "Following",
    icon: <CheckCircleIcon className={iconSize} />,
    className: "border-ok/40 bg-ok-soft text-ok",
  },
  waiting: {
    label: "First sync pending",
    icon: <ClockIcon className={iconSize} />,
    className: "border-info/40 bg-info-soft text-info",
  },
  error: {
    label: "Error",
    icon: <XCircleIcon className={iconSize} />,
    className: "border-danger/40 bg-danger-soft text-danger",
  },
  paused: {
    label: "Paused",
    icon: <BanIcon className={iconSize} />,
    className: "border-line bg-neutral-soft text-neutral",
  },
};

export function SourceStatusBadge({ status }: { status: SourceStatus }) {
  const style = styles[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${style.className}`}
    >
      {style.icon}
      {style.label}
    </span>
  );
}
