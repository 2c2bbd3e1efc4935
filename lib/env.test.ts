import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("env", () => {
  it("has a safe default for every setting", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      OBSERVATORY_RATE_LIMIT: 200,
      OBSERVATORY_RATE_BURST: 400,
      OBSERVATORY_WRITE_CONCURRENCY: 16,
      OBSERVATORY_WRITE_QUEUE: 64,
      OBSERVATORY_WRITE_BUDGET_MB: 32,
      OBSERVATORY_SQLITE_READ_WORKERS: 1,
      DATABASE_URL_GIVEN: false,
    });
    expect(e.OBSERVATORY_TRUSTED_PROXY).toBeUndefined();
    expect(e.OBSERVATORY_URL).toBeUndefined();
  });

  it("coerces numbers and flags, and treats empty text as unset", () => {
    const e = parseEnv({
      OBSERVATORY_RATE_LIMIT: "1.5",
      OBSERVATORY_WRITE_QUEUE: "0",
      OBSERVATORY_SQLITE_READ_WORKERS: "0",
      OBSERVATORY_TRUSTED_PROXY: "1",
      OBSERVATORY_URL: " ",
      OBSERVATORY_ROOT: "/srv/app",
    });
    expect(e).toMatchObject({
      OBSERVATORY_RATE_LIMIT: 1.5,
      OBSERVATORY_WRITE_QUEUE: 0,
      OBSERVATORY_SQLITE_READ_WORKERS: 0,
      OBSERVATORY_TRUSTED_PROXY: true,
      OBSERVATORY_ROOT: "/srv/app",
    });
    expect(e.OBSERVATORY_URL).toBeUndefined();
  });

  it.each([
    ["OBSERVATORY_RATE_LIMIT", "fast"],
    ["OBSERVATORY_RATE_BURST", "-1"],
    ["OBSERVATORY_WRITE_CONCURRENCY", "1.5"],
    ["OBSERVATORY_WRITE_BUDGET_MB", "0"],
    ["OBSERVATORY_SQLITE_READ_WORKERS", "-1"],
    ["OBSERVATORY_TRUSTED_PROXY", "yes please"],
    ["PORT", "http"],
  ])("refuses %s=%s with an error naming the variable, never a NaN", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^invalid environment variable ${name}: `));
  });
});
