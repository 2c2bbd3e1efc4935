// Icon + text + colour, so a status never depends on colour alone.
import type { ReactNode } from "react";
import type { Status } from "@/lib/db/generated/sqlite/enums";
import {
  BanIcon,
  CheckCircleIcon,
  ClockIcon,
  HandIcon,
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
};

export function statusLabel(status: Status): string {
  return styles[status].label;
}

export function StatusBadge({ status }: { status: Status }) {
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
