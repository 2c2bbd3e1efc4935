import type { ReactNode } from "react";
import { InboxIcon } from "@/components/icons";

type HeadingTag = "h1" | "h2" | "h3";

type EmptyStateProps = {
  title: string;
  /** Pick the level that fits the outline of the page it sits in. */
  titleAs?: HeadingTag;
  /** What to do next, in a sentence or two. */
  children: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
};

export function EmptyState({ title, titleAs: Heading = "h2", children, icon, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-2 text-fg-muted">
        {icon ?? <InboxIcon className="size-5" />}
      </div>
      <Heading className="text-sm font-semibold text-fg">{title}</Heading>
      <div className="mt-1 max-w-prose text-sm text-fg-muted">{children}</div>
      {action !== undefined && <div className="mt-4">{action}</div>}
    </div>
  );
}
