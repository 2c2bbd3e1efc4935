import { describe, expect, it } from "vitest";
import { messageSeekSchema, messageWindowInput } from "./detail-action-schemas";
import { appendPage, focusIndex, prependPage, type MessageWindow } from "./message-window";

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const row = (n: number) => ({ id: `m${n}`, timestamp: new Date(T0 + n * 1000) });
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
const win = (from: number, to: number, atStart: boolean, atEnd: boolean): MessageWindow<ReturnType<typeof row>> => ({
  items: rows(from, to),
  atStart,
  atEnd,
});
const ids = (w: MessageWindow<{ id: string }>) => w.items.map((m) => m.id);

describe("message window", () => {
  it("appends a later page and takes its end flag", () => {
    const { window, dropped } = appendPage(win(1, 3, true, false), win(4, 5, false, true));
    expect(ids(window)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(window).toMatchObject({ atStart: true, atEnd: true });
    expect(dropped).toBe(0);
  });

  it("prepends an earlier page and takes its start flag", () => {
    const { window } = prependPage(win(4, 5, false, true), win(1, 3, true, false));
    expect(ids(window)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(window).toMatchObject({ atStart: true, atEnd: true });
  });

  it("keeps a row once when pages overlap", () => {
    expect(ids(appendPage(win(1, 3, true, false), win(3, 4, false, false)).window)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(ids(prependPage(win(3, 4, false, false), win(1, 3, true, false)).window)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("drops rows from the far edge past the bound, and no longer reaches that edge", () => {
    const appended = appendPage(win(1, 4, true, false), win(5, 6, false, false), 4);
    expect(ids(appended.window)).toEqual(["m3", "m4", "m5", "m6"]);
    expect(appended).toMatchObject({ dropped: 2, window: { atStart: false, atEnd: false } });
    const prepended = prependPage(win(3, 6, false, true), win(1, 2, true, false), 4);
    expect(ids(prepended.window)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(prepended).toMatchObject({ dropped: 2, window: { atStart: true, atEnd: false } });
  });

  it("lands a jump on the first row at or after the time, the last row past the end, or the edge", () => {
    const items = rows(1, 5);
    expect(focusIndex(items, { to: "time", at: new Date(T0 + 2500).toISOString() })).toBe(2);
    expect(focusIndex(items, { to: "time", at: new Date(T0 + 3000).toISOString() })).toBe(2);
    expect(focusIndex(items, { to: "time", at: new Date(T0 + 99_000).toISOString() })).toBe(4);
    expect(focusIndex(items, { to: "end" })).toBe(4);
    expect(focusIndex(items, { to: "start" })).toBe(0);
    expect(focusIndex([], { to: "end" })).toBe(0);
  });
});

describe("seek schema", () => {
  it("accepts the edges, a time with an offset and a cursor; refuses the rest", () => {
    expect(messageSeekSchema.safeParse({ to: "end" }).success).toBe(true);
    expect(messageSeekSchema.safeParse({ to: "time", at: "2026-03-01T10:00:00.000Z" }).success).toBe(true);
    expect(messageSeekSchema.safeParse({ to: "time", at: "yesterday" }).success).toBe(false);
    expect(messageSeekSchema.safeParse({ to: "after", cursor: "" }).success).toBe(false);
    expect(messageSeekSchema.safeParse({ to: "offset", n: 9000 }).success).toBe(false);
    expect(
      messageWindowInput.safeParse({ sessionId: "s", seek: { to: "before", cursor: "x".repeat(501) } }).success,
    ).toBe(false);
  });
});
