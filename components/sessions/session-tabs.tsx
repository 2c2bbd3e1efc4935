"use client";

// The detail page's tabs. Each tab is a link (the tab lives in the URL, so it can be shared
// and the back button returns to it) with the ARIA tab roles: arrow keys, Home and End move
// between tabs, Enter or Space opens one. The panel is rendered on the server.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useTransition, type KeyboardEvent, type ReactNode } from "react";
import { formatCount } from "@/components/ui/format-count";
import { SESSION_TABS, type SessionTab } from "@/lib/sessions/session-href";

type Props = {
  current: SessionTab;
  /** href of each tab */
  hrefs: Record<SessionTab, string>;
  counts: Partial<Record<SessionTab, number>>;
  children: ReactNode;
};

export const TAB_PANEL_ID = "session-tab-panel";

export function SessionTabs({ current, hrefs, counts, children }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const tabs = useRef<(HTMLAnchorElement | null)[]>([]);

  const open = (tab: SessionTab) => {
    if (tab === current) return;
    startTransition(() => router.push(hrefs[tab], { scroll: false }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    const last = SESSION_TABS.length - 1;
    const target =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : undefined;
    if (target !== undefined) {
      event.preventDefault();
      tabs.current[target]?.focus();
    } else if (event.key === " ") {
      event.preventDefault();
      open(SESSION_TABS[index]!.id);
    }
  };

  return (
    <div>
      <div
        role="tablist"
        aria-label="Session details"
        className="-mx-1 mb-4 flex gap-1 overflow-x-auto border-b border-line px-1"
      >
        {SESSION_TABS.map((tab, index) => {
          const selected = tab.id === current;
          const count = counts[tab.id];
          return (
            <Link
              key={tab.id}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              href={hrefs[tab.id]}
              scroll={false}
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={selected ? TAB_PANEL_ID : undefined}
              tabIndex={selected ? 0 : -1}
              onKeyDown={(e) => onKeyDown(e, index)}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                open(tab.id);
              }}
              className={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
                selected
                  ? "border-accent font-semibold text-fg"
                  : "border-transparent text-fg-muted hover:border-line-strong hover:text-fg"
              }`}
            >
              {tab.label}
              {count !== undefined && (
                <span className="rounded-full bg-surface-2 px-1.5 text-[11px] font-medium text-fg-muted tabular-nums">
                  <span className="sr-only">(</span>
                  {formatCount(count)}
                  <span className="sr-only">)</span>
                </span>
              )}
            </Link>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={TAB_PANEL_ID}
        aria-labelledby={`tab-${current}`}
        aria-busy={pending}
        tabIndex={0}
        className={`transition-opacity ${pending ? "opacity-60" : ""}`}
      >
        {children}
      </div>
    </div>
  );
}
