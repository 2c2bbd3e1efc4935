// Log level as icon + text (never colour alone). Unknown levels show as they are.
import type { ReactNode } from "react";
import { AlertTriangleIcon, CheckCircleIcon, XCircleIcon } from "@/components/icons";

const size = "size-3";

const styles: Record<string, { className: string; icon?: ReactNode }> = {
  critical: { className: "text-danger font-semibold", icon: <AlertTriangleIcon className={size} /> },
  error: { className: "text-danger", icon: <XCircleIcon className={size} /> },
  warn: { className: "text-warn", icon: <AlertTriangleIcon className={size} /> },
  info: { className: "text-info", icon: <CheckCircleIcon className={size} /> },
  debug: { className: "text-fg-subtle" },
};

export function LevelBadge({ level }: { level: string }) {
  const style = styles[level] ?? { className: "text-fg-muted" };
  return (
    <span
      data-level={level}
      className={`inline-flex items-center gap-1 font-mono text-[11px] uppercase ${style.className}`}
    >
      {style.icon}
      {level}
    </span>
  );
}
