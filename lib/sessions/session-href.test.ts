import { describe, expect, it } from "vitest";
import { parseSessionTab, sessionHref } from "./session-href";

describe("sessionHref", () => {
  it("URL-encodes the external id and adds project and tab only when given", () => {
    expect(sessionHref("a/b c?")).toBe("/sessions/a%2Fb%20c%3F");
    expect(sessionHref("s1", { project: "beta", tab: "logs" })).toBe("/sessions/s1?project=beta&tab=logs");
    expect(sessionHref("s1", { tab: "timeline" })).toBe("/sessions/s1");
  });

  it("reads the tab, defaulting to the timeline", () => {
    expect(parseSessionTab("usage")).toBe("usage");
    expect(parseSessionTab(["logs"])).toBe("logs");
    expect(parseSessionTab("bogus")).toBe("timeline");
    expect(parseSessionTab(undefined)).toBe("timeline");
  });
});
