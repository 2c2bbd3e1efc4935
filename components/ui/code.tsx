import type { ReactNode } from "react";

/** Inline command or endpoint the reader may want to copy. */
export function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded border border-line bg-surface-2 px-1 py-px whitespace-nowrap text-fg">{children}</code>
  );
}
