import { describe, expect, it } from "vitest";
import { sourceFiles } from "@/test/support/source-files";
import { sessionListQuery } from "./api-schemas";
import { sessionDurationMs } from "./session-duration";
import { parseSessionFilters, sessionFiltersSchema, startedRange } from "./session-filters";
import { DEFAULT_FILTERS, hasActiveFilters, sessionFiltersToQuery, sessionsHref } from "./session-list-url";

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
    const filters = parseSessionFilters({
      status: ["running", "bogus,completed"],
      sort: "name",
      dir: "up",
      from: "yesterday",
    });
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

describe("one filter schema for the page and the API", () => {
  it("has the links' defaults", () => {
    expect(sessionFiltersSchema.parse({})).toEqual(DEFAULT_FILTERS);
    expect(parseSessionFilters({})).toEqual(DEFAULT_FILTERS);
  });

  it("drops a bad value on the page but refuses it in the API, naming it", () => {
    const raw = { status: "failed", sort: "name", from: "yesterday", errors: "1" };
    expect(parseSessionFilters(raw)).toEqual({ ...DEFAULT_FILTERS, status: ["failed"], errors: true });
    const api = sessionListQuery.safeParse(raw);
    expect(api.success).toBe(false);
    expect(api.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["from", "sort"]);
    expect(sessionListQuery.safeParse({ status: "failed,bogus" }).error?.issues[0]?.message).toMatch(
      /^"bogus" is not one of pending, running, /,
    );
  });

  it("shortens long text on the page where the API refuses it", () => {
    const q = "x".repeat(300);
    expect(parseSessionFilters({ q }).q).toHaveLength(200);
    expect(sessionListQuery.safeParse({ q }).success).toBe(false);
  });

  it("reads the same filters in both, the API newest started first and without a project", () => {
    const raw = {
      status: "running",
      phase: "qa",
      agent: "dev",
      from: "2026-11-01",
      errors: "true",
      q: "auth",
      dir: "asc",
    };
    const api = sessionListQuery.parse(raw);
    const { sort: pageSort, project: _project, ...page } = parseSessionFilters(raw);
    expect(pageSort).toBe("updated");
    expect(api).toEqual({ ...page, sort: "started", limit: 50 });
    expect(sessionListQuery.parse({ project: "other" })).not.toHaveProperty("project");
  });
});

describe("one session-list query", () => {
  it("is the only place that filters and orders the session list", () => {
    const files = sourceFiles("app", "components", "lib");
    const building = files
      .filter(({ text }) => /mission: containsInsensitive|startedRange\(/.test(text))
      .map(({ file }) => file);
    expect(building.sort()).toEqual(["lib/sessions/session-filters.ts", "lib/sessions/session-list-query.ts"]);
    const users = files
      .filter(({ text }) => /["']@\/lib\/sessions\/session-list-query["']|["']\.\/session-list-query["']/.test(text))
      .map(({ file }) => file);
    expect(users).toEqual(
      expect.arrayContaining([
        "app/(dashboard)/sessions/page.tsx",
        "lib/sessions/session-api.ts",
        "lib/sessions/compare-sessions.ts",
      ]),
    );
  });
});

describe("sessionDurationMs", () => {
  const now = new Date("2026-01-01T01:00:00Z");
  const startedAt = new Date("2026-01-01T00:00:00Z");
  const updatedAt = new Date("2026-01-01T00:10:00Z");
  it("runs to the end, to now while active, else to the last activity", () => {
    expect(
      sessionDurationMs({ startedAt, updatedAt, endedAt: new Date("2026-01-01T00:05:00Z"), status: "completed" }, now),
    ).toBe(300_000);
    expect(sessionDurationMs({ startedAt, updatedAt, endedAt: null, status: "running" }, now)).toBe(3_600_000);
    expect(sessionDurationMs({ startedAt, updatedAt, endedAt: null, status: "failed" }, now)).toBe(600_000);
  });
});
