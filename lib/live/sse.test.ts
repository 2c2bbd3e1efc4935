import { describe, expect, it } from "vitest";
import { isSameOriginRequest, sseComment, sseMessage, sseRetry } from "./sse";

const headers = (h: Record<string, string>) => new Headers(h);

describe("SSE framing", () => {
  it("writes one event with JSON data on one line", () => {
    expect(sseMessage("change", { a: "line1\nline2" })).toBe('event: change\ndata: {"a":"line1\\nline2"}\n\n');
  });

  it("writes comments and the retry hint", () => {
    expect(sseComment("ping\nx")).toBe(": ping x\n\n");
    expect(sseRetry(2000)).toBe("retry: 2000\n\n");
  });
});

describe("isSameOriginRequest", () => {
  const url = "http://127.0.0.1:3000/api/live";
  it("accepts same-origin browser requests and plain tools", () => {
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "same-origin", host: "127.0.0.1:3000" }), url)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), url)).toBe(true);
    expect(isSameOriginRequest(headers({}), url)).toBe(true);
  });

  it("refuses cross-site requests", () => {
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "cross-site" }), url)).toBe(false);
    expect(isSameOriginRequest(headers({ "sec-fetch-site": "same-site" }), url)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://evil.example", host: "127.0.0.1:3000" }), url)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "null", host: "127.0.0.1:3000" }), url)).toBe(false);
  });

  it("honours the forwarded host behind a proxy", () => {
    expect(
      isSameOriginRequest(
        headers({ origin: "https://obs.example", host: "127.0.0.1:3000", "x-forwarded-host": "obs.example" }),
        url,
      ),
    ).toBe(true);
  });
});
