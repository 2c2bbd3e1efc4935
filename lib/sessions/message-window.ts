// The Messages tab's loaded window: a contiguous run of a session's messages in time order,
// grown a page at a time at either edge and replaced by a jump. Pure, so the merging and the
// choice of the row a jump lands on are tested without a browser.
import type { MessageSeek } from "./detail-action-schemas";

/** A run of messages and whether it reaches the session's first and last message. */
export type MessageWindow<T> = { items: T[]; atStart: boolean; atEnd: boolean };

/**
 * Rows the browser keeps at most. The DOM holds only the visible rows either way; this bounds
 * memory when a reader scrolls through tens of thousands of messages.
 */
export const MAX_WINDOW_ITEMS = 2_000;

type Row = { id: string };

/** The window with a later page added at the end; rows dropped from the start, if any, to stay within `max`. */
export function appendPage<T extends Row>(
  window: MessageWindow<T>,
  page: MessageWindow<T>,
  max = MAX_WINDOW_ITEMS,
): { window: MessageWindow<T>; dropped: number } {
  const known = new Set(window.items.map((m) => m.id));
  const items = [...window.items, ...page.items.filter((m) => !known.has(m.id))];
  const dropped = Math.max(0, items.length - max);
  return {
    window: { items: items.slice(dropped), atStart: window.atStart && dropped === 0, atEnd: page.atEnd },
    dropped,
  };
}

/** The window with an earlier page added at the start; rows dropped from the end, if any, to stay within `max`. */
export function prependPage<T extends Row>(
  window: MessageWindow<T>,
  page: MessageWindow<T>,
  max = MAX_WINDOW_ITEMS,
): { window: MessageWindow<T>; dropped: number } {
  const known = new Set(window.items.map((m) => m.id));
  const items = [...page.items.filter((m) => !known.has(m.id)), ...window.items];
  const dropped = Math.max(0, items.length - max);
  return {
    window: {
      items: items.slice(0, items.length - dropped),
      atStart: page.atStart,
      atEnd: window.atEnd && dropped === 0,
    },
    dropped,
  };
}

/** The row a jump lands on: the first at or after the time (the last one if none is), else the edge it went to. */
export function focusIndex(items: readonly { timestamp: Date }[], seek: MessageSeek): number {
  if (items.length === 0) return 0;
  if (seek.to === "end" || seek.to === "before") return items.length - 1;
  if (seek.to !== "time") return 0;
  const at = Date.parse(seek.at);
  const index = items.findIndex((m) => m.timestamp.getTime() >= at);
  return index === -1 ? items.length - 1 : index;
}
