import { describe, expect, it } from "vitest";
import { demoDecision } from "./demo-policy";

describe("demoDecision", () => {
  it("loads demo data into the embedded default database on its first run only", () => {
    expect(demoDecision({ demo: undefined, databaseUrlGiven: false, sessions: 0 }).load).toBe(true);
    expect(demoDecision({ demo: undefined, databaseUrlGiven: false, sessions: 3 }).load).toBe(false);
  });

  it("never fills a database the user named, unless asked", () => {
    expect(demoDecision({ demo: undefined, databaseUrlGiven: true, sessions: 0 })).toMatchObject({
      load: false,
      why: expect.stringContaining("DATABASE_URL"),
    });
    expect(demoDecision({ demo: true, databaseUrlGiven: true, sessions: 0 }).load).toBe(true);
    expect(demoDecision({ demo: true, databaseUrlGiven: true, sessions: 1 }).load).toBe(false);
  });

  it("loads nothing when turned off", () => {
    expect(demoDecision({ demo: false, databaseUrlGiven: false, sessions: 0 }).load).toBe(false);
  });
});
