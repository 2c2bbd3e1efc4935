import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy, SECURITY_HEADERS } from "./security-headers";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("security headers", () => {
  it("lets only nonced scripts run on pages, and never inline or eval in production", () => {
    const csp = pageContentSecurityPolicy("abc123");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(pageContentSecurityPolicy("n", { dev: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("keeps 'unsafe-inline' for styles only, without a style nonce that would cancel it", () => {
    const style = directive(pageContentSecurityPolicy("abc123"), "style-src") ?? "";
    expect(style).toContain("'unsafe-inline'");
    expect(style).not.toContain("nonce-");
  });

  it("denies everything to API responses", () => {
    expect(API_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(API_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it("makes a new unpredictable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("sends nosniff, DENY framing and a referrer policy on every response", () => {
    const byName = Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byName).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  });

  it("are set by a JavaScript Next.js config, which next start reads without loading SWC", () => {
    // a next.config.ts would keep the SWC compiler resident in the server (docs/benchmarks.md)
    const root = path.join(import.meta.dirname, "..", "..");
    expect(existsSync(path.join(root, "next.config.mjs"))).toBe(true);
    for (const name of ["next.config.ts", "next.config.mts"])
      expect(existsSync(path.join(root, name)), name).toBe(false);
  });
});
