import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sourceFiles } from "@/test/support/source-files";
import { cursorCodec, seekPast, timeCursor, timeCursorOf } from "./cursor";
import { ApiError } from "./errors";

const codec = cursorCodec(z.object({ s: z.enum(["tokens", "cost"]), v: z.number().finite(), i: z.string() }));

describe("keyset cursors", () => {
  it("round-trip their payload as opaque URL-safe text", () => {
    const text = codec.encode({ s: "tokens", v: 1200, i: "x/y+z" });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode(text)).toEqual({ s: "tokens", v: 1200, i: "x/y+z" });
    expect(codec.decodeForApi(text)).toEqual({ s: "tokens", v: 1200, i: "x/y+z" });
    const row = { timestamp: new Date("2026-03-01T10:00:00.000Z"), id: 42 };
    expect(timeCursor.decode(timeCursorOf(row))).toEqual({ t: "2026-03-01T10:00:00.000Z", i: 42 });
  });

  it("are absent when empty, in both readings", () => {
    for (const text of [undefined, null, ""]) {
      expect(codec.decode(text)).toBeUndefined();
      expect(codec.decodeForApi(text)).toBeUndefined();
    }
  });

  const tampered = [
    "%%%", // not base64url
    Buffer.from("not json").toString("base64url"),
    Buffer.from('["tokens", 1, "x"]').toString("base64url"), // another list's shape
    Buffer.from('{"s":"tokens","v":"1","i":"x"}').toString("base64url"), // a number as text
    Buffer.from('{"s":"name","v":1,"i":"x"}').toString("base64url"), // unknown sort
    Buffer.from('{"t":"yesterday","i":1}').toString("base64url"),
  ];

  it("start the list over on a page when tampered with or garbage", () => {
    for (const text of tampered) expect(codec.decode(text), text).toBeUndefined();
    expect(timeCursor.decode(tampered[5])).toBeUndefined();
  });

  it("are a 400 naming `cursor` in the API when tampered with or garbage", () => {
    for (const text of tampered) {
      let error: unknown;
      try {
        codec.decodeForApi(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        status: 400,
        code: "invalid_cursor",
        message: "cursor: not a cursor this API returned",
      });
    }
  });

  it("seek past a position in either direction, ties broken by id, with the bound on the sort field alone", () => {
    // the bare bound lets the index scan start at the position: without it a deep page reads every row before it
    expect(seekPast("costUsd", 2, "b", "desc")).toEqual({
      costUsd: { lte: 2 },
      OR: [{ costUsd: { lt: 2 } }, { id: { lt: "b" } }],
    });
    expect(seekPast("timestamp", 5, 7, "asc")).toEqual({
      timestamp: { gte: 5 },
      OR: [{ timestamp: { gt: 5 } }, { id: { gt: 7 } }],
    });
  });

  it("are encoded and decoded only here", () => {
    const codecs = sourceFiles("app", "components", "lib")
      .filter(({ file, text }) => file !== "lib/api/cursor.ts" && /base64url/.test(text) && /cursor/i.test(text))
      .map(({ file }) => file);
    expect(codecs).toEqual([]);
  });
});
