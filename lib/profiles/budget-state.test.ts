import { describe, expect, it } from "vitest";
import { budgetState } from "./budget-state";

describe("budgetState", () => {
  it("is ok below 80 %, warning from 80 %, over from 100 %", () => {
    expect(budgetState(0, 10)).toEqual({ state: "ok", share: 0 });
    expect(budgetState(7.99, 10).state).toBe("ok");
    expect(budgetState(8, 10).state).toBe("warning");
    expect(budgetState(9.99, 10).state).toBe("warning");
    expect(budgetState(10, 10).state).toBe("over");
    expect(budgetState(25, 10)).toEqual({ state: "over", share: 2.5 });
  });

  it("a limit of 0 means no limit", () => {
    expect(budgetState(1_000, 0)).toEqual({ state: "unlimited", share: null });
  });
});
