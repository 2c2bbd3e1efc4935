import { describe, expect, it } from "vitest";
import { timelineWindowInput } from "./timeline-schemas";

describe("timelineWindowInput", () => {
  it("takes a window of epoch milliseconds and names the field it refuses", () => {
    expect(timelineWindowInput.parse({ sessionId: "s", from: 0, to: 1 })).toEqual({ sessionId: "s", from: 0, to: 1 });
    const backwards = timelineWindowInput.safeParse({ sessionId: "s", from: 5, to: 5 });
    expect(backwards.success ? [] : backwards.error.issues.map((i) => i.path.join("."))).toEqual(["to"]);
    const tooLate = timelineWindowInput.safeParse({ sessionId: "s", from: 0, to: 8.64e15 });
    expect(tooLate.success ? [] : tooLate.error.issues.map((i) => i.path.join("."))).toEqual(["to"]);
    expect(timelineWindowInput.safeParse({ sessionId: "", from: 0, to: 1 }).success).toBe(false);
  });
});
