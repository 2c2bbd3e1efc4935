import { describe, expect, it } from "vitest";
import { compareLedger, ledgerProblems } from "@/test/support/chaos-ledger";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `e-${i}`);

describe("compareLedger", () => {
  it("passes when every acknowledged event is stored once", () => {
    const check = compareLedger(new Set(ids(5)), ids(5));
    expect(check).toEqual({ acknowledged: 5, stored: 5, duplicates: 0, lost: 0, unexpected: 0 });
    expect(ledgerProblems(check, 5)).toEqual([]);
  });

  it("reports an acknowledged event that is missing", () => {
    const check = compareLedger(
      new Set(ids(5)),
      ids(5).filter((id) => id !== "e-3"),
    );
    expect(check.lost).toBe(1);
    expect(check.stored).toBe(4);
    expect(ledgerProblems(check, 5)).toContain("1 acknowledged events are missing");
  });

  it("reports an event stored twice", () => {
    const check = compareLedger(new Set(ids(5)), [...ids(5), "e-2"]);
    expect(check.duplicates).toBe(1);
    expect(check.lost).toBe(0);
    expect(ledgerProblems(check, 5)).toContain("1 events are stored more than once");
  });

  it("reports rows nobody acknowledged and acknowledgements that fell short", () => {
    const check = compareLedger(new Set(ids(4)), [...ids(4), "stray"]);
    expect(check.unexpected).toBe(1);
    expect(ledgerProblems(check, 5)).toEqual([
      "4 of 5 events were acknowledged",
      "1 stored events were never acknowledged",
    ]);
  });
});
