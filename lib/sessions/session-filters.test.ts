import { describe, expect, it } from "vitest";
import { decodeListCursor, encodeListCursor } from "./list-cursor";
import { sessionDurationMs } from "./session-duration";
import { DEFAULT_FILTERS, hasActiveFilters, parseSessionFilters, sessionFiltersToQuery, sessionsHref, startedRange } from "./session-filters";

describe("session filters in the URL", () => {
  it("parses every filter and round-trips through the query string", () => {
    const filters = parseSessionFilters({
      q: " auth ",
      status: "running,failed",
      phase: "qa",
      source: "bazinga",
      project: "checkout",
      agent: "developer",
      from: "2026-11-01",
      to: "2026-11-20",
      errors: "1",
      sort: "cost",
      dir: "asc",
      cursor: "abc",
    });
    expect(filters).toEqual({
      q: "auth",
      status: ["running", "failed"],
      phase: "qa",
      source: "bazinga",
      project: "checkout",
      agent: "developer",
      from: "2026-11-01",
      to: "2026-11-20",
      errors: true,
      sort: "cost",
      dir: "asc",
      cursor: "abc",
    });
    const query = sessionFiltersToQuery(filters);
    expect(parseSessionFilters(Object.fromEntries(new URLSearchParams(query)))).toEqual(filters);
  });

  it("accepts repeated status params and drops unknown values", () => {
    const filters = parseSessionFilters({ status: ["running", "bogus,completed"], sort: "name", dir: "up", from: "yesterday" });
    expect(filters.status).toEqual(["running", "completed"]);
    expect(filters.sort).toBe("updated");
    expect(filters.dir).toBe("desc");
    expect(filters.from).toBeUndefined();
  });

  it("leaves defaults out of links", () => {
    expect(sessionFiltersToQuery(DEFAULT_FILTERS)).toBe("");
    expect(sessionsHref({ status: ["failed"] })).toBe("/sessions?status=failed");
    expect(hasActiveFilters(DEFAULT_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, errors: true })).toBe(true);
  });

  it("reads a day as the whole UTC day and a timestamp as itself", () => {
    expect(startedRange({ from: "2026-11-01", to: "2026-11-01" })).toEqual({
      gte: new Date("2026-11-01T00:00:00Z"),
      lt: new Date("2026-11-02T00:00:00Z"),
    });
    expect(startedRange({ from: "2026-11-01T10:30:00.000Z" })).toEqual({ gte: new Date("2026-11-01T10:30:00.000Z") });
  });
});

describe("list cursors", () => {
  it("round-trip for the sort they were made for", () => {
    const text = encodeListCursor({ sort: "tokens", dir: "desc", value: 1200, id: "x" });
    expect(decodeListCursor(text, "tokens", "desc")).toEqual({ sort: "tokens", dir: "desc", value: 1200, id: "x" });
  });

  it("are ignored for another sort or when mangled", () => {
    const text = encodeListCursor({ sort: "tokens", dir: "desc", value: 1, id: "x" });
    expect(decodeListCursor(text, "cost", "desc")).toBeUndefined();
    expect(decodeListCursor("%%%", "tokens", "desc")).toBeUndefined();
    expect(decodeListCursor(Buffer.from('["tokens","desc","1","x"]').toString("base64url"), "tokens", "desc")).toBeUndefined();
  });
});

describe("sessionDurationMs", () => {
  const now = new Date("2026-01-01T01:00:00Z");
  const startedAt = new Date("2026-01-01T00:00:00Z");
  const updatedAt = new Date("2026-01-01T00:10:00Z");
  it("runs to the end, to now while active, else to the last activity", () => {
    expect(sessionDurationMs({ startedAt, updatedAt, endedAt: new Date("2026-01-01T00:05:00Z"), status: "completed" }, now)).toBe(300_000);
    expect(sessionDurationMs({ startedAt, updatedAt, endedAt: null, status: "running" }, now)).toBe(3_600_000);
    expect(sessionDurationMs({ startedAt, updatedAt, endedAt: null, status: "failed" }, now)).toBe(600_000);
  });
});
