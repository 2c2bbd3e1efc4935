"use client";

// One connection to /api/live per page. Children subscribe to changes; the indicator shows
// whether the page is live or reconnecting. EventSource reconnects by itself after a
// network drop; when the server refuses or closes for good, this reopens it with backoff.
// After any reconnect, subscribers get a resync (changes made meanwhile were not seen).
import { useRouter } from "next/navigation";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useTransition,
  type ReactNode,
} from "react";
import { parseChange, resyncChange, type LiveChange } from "@/lib/live/live-change";

export type LiveStatus = "connecting" | "live" | "reconnecting";
type Listener = (change: LiveChange) => void;
type LiveContextValue = { status: LiveStatus; subscribe: (listener: Listener) => () => void };

const LiveContext = createContext<LiveContextValue | null>(null);

const MAX_BACKOFF_MS = 15_000;

export function LiveProvider({ children, url = "/api/live" }: { children: ReactNode; url?: string }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let connectedBefore = false;
    let disposed = false;
    const notify = (change: LiveChange) => {
      for (const listener of [...listeners.current]) listener(change);
    };
    const open = () => {
      if (disposed) return;
      const es = new EventSource(url);
      source = es;
      es.addEventListener("ready", () => {
        attempt = 0;
        setStatus("live");
        if (connectedBefore) notify(resyncChange());
        connectedBefore = true;
      });
      es.addEventListener("change", (event) => {
        const change = parseChange((event as MessageEvent<string>).data);
        if (change) notify(change);
      });
      es.onerror = () => {
        setStatus("reconnecting");
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++);
          timer = setTimeout(open, delay);
        }
      };
    };
    open();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [url]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** Calls `onChange` for every live change (latest callback, no resubscribing). */
export function useLiveChanges(onChange: Listener): void {
  const live = useContext(LiveContext);
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => live?.subscribe((change) => callback.current(change)), [live]);
}

export function useLiveStatus(): LiveStatus | undefined {
  return useContext(LiveContext)?.status;
}

/** Re-renders the page's server components when a matching change arrives: at most once per
 *  `minIntervalMs`, and not while the tab is hidden (once when it shows again). */
export function LiveRefresh({
  filter,
  minIntervalMs = 1_000,
}: {
  filter?: (change: LiveChange) => boolean;
  minIntervalMs?: number;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const state = useRef({ last: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined, dirty: false });

  const refresh = useCallback(() => {
    const s = state.current;
    if (s.timer) return;
    if (document.visibilityState === "hidden") {
      s.dirty = true;
      return;
    }
    const wait = Math.max(100, s.last + minIntervalMs - Date.now());
    s.timer = setTimeout(() => {
      s.timer = undefined;
      s.last = Date.now();
      startTransition(() => router.refresh());
    }, wait);
  }, [router, minIntervalMs]);

  useLiveChanges((change) => {
    if (!filter || filter(change)) refresh();
  });

  useEffect(() => {
    const s = state.current;
    const onVisible = () => {
      if (document.visibilityState === "visible" && s.dirty) {
        s.dirty = false;
        refresh();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      if (s.timer) clearTimeout(s.timer);
      s.timer = undefined;
    };
  }, [refresh]);
  return null;
}

const indicator: Record<LiveStatus, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-neutral" },
  live: { label: "Live", dot: "bg-ok" },
  reconnecting: { label: "Reconnecting…", dot: "bg-warn animate-pulse" },
};

/** "Live" or "Reconnecting…", as text (the dot only repeats it). */
export function LiveIndicator() {
  const status = useLiveStatus() ?? "connecting";
  const { label, dot } = indicator[status];
  return (
    <span
      role="status"
      data-testid="live-status"
      data-live-status={status}
      className="inline-flex items-center gap-1.5 rounded-full border border-line bg-surface px-2 py-0.5 text-xs font-medium text-fg-muted"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
