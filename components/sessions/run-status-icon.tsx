// A run's status as a small icon with its name for screen readers and on hover.
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
import { statusLabel } from "@/components/ui/status-badge";
import type { Status } from "@/lib/ingest/status";

const icons: Record<Status, { icon: typeof ClockIcon; className: string }> = {
  pending: { icon: ClockIcon, className: "text-neutral" },
  running: { icon: PlayCircleIcon, className: "text-info" },
  awaiting_approval: { icon: HandIcon, className: "text-warn" },
  completed: { icon: CheckCircleIcon, className: "text-ok" },
  failed: { icon: XCircleIcon, className: "text-danger" },
  cancelled: { icon: BanIcon, className: "text-neutral" },
  expired: { icon: HourglassIcon, className: "text-neutral" },
  unknown: { icon: HelpCircleIcon, className: "text-neutral" },
};

export function RunStatusIcon({ status }: { status: Status }) {
  const { icon: Icon, className } = icons[status];
  return (
    <span title={statusLabel(status)} className={`inline-flex ${className}`}>
      <Icon className="size-3.5" />
      <span className="sr-only">{statusLabel(status)}</span>
    </span>
  );
}
