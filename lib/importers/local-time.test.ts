import { describe, expect, it } from "vitest";
import { isTimeZone, parseLocalTime, zoneOffsetMs } from "./local-time";

describe("parseLocalTime", () => {
  it("reads a Python isoformat() wall time in the source's zone", () => {
    // BAZINGA end_time written in Europe/Berlin (CET, UTC+1) in January
    expect(parseLocalTime("2026-01-20T10:19:08.256453", "Europe/Berlin")?.toISOString()).toBe(
      "2026-01-20T09:19:08.256Z",
    );
    expect(parseLocalTime("2025-08-13 20:13:02.075112", "Europe/Berlin")?.toISOString()).toBe(
      "2025-08-13T18:13:02.075Z",
    );
    expect(parseLocalTime("2026-02-07 04:29:57", "America/Bogota")?.toISOString()).toBe("2026-02-07T09:29:57.000Z");
  });

  it("leaves UTC and values with their own zone alone", () => {
    expect(parseLocalTime("2026-01-20 08:15:16", "UTC")?.toISOString()).toBe("2026-01-20T08:15:16.000Z");
    expect(parseLocalTime("2026-01-20T08:15:16Z", "Europe/Berlin")?.toISOString()).toBe("2026-01-20T08:15:16.000Z");
    expect(parseLocalTime("2026-01-20T08:15:16+05:00", "Europe/Berlin")?.toISOString()).toBe(
      "2026-01-20T03:15:16.000Z",
    );
    const d = new Date("2026-01-01T00:00:00Z");
    expect(parseLocalTime(d, "Europe/Berlin")).toEqual(d);
  });

  it("takes the earlier offset in a DST overlap and rejects garbage", () => {
    // 2026-10-25 02:30 happens twice in Berlin: first at CEST (+2)
    expect(parseLocalTime("2026-10-25T02:30:00", "Europe/Berlin")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(parseLocalTime("not a time", "Europe/Berlin")).toBeUndefined();
  });

  it("knows zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(zoneOffsetMs("Asia/Kolkata", Date.UTC(2026, 0, 1))).toBe(5.5 * 3600_000);
  });
});
