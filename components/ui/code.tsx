import type { ReactNode } from "react";

/** Inline command or endpoint the reader may want to copy. */
export function Code({ children }: { children: ReactNode }) {
  return (
    <code className="border-line bg-surface-2 text-fg rounded border px-1 py-px whitespace-nowrap">{children}</code>
  );
}
