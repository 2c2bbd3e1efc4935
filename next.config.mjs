// JavaScript, not TypeScript: with a next.config.ts, `next start` loads the SWC compiler to
// read it, which stays resident (about 25 MB) for the server's whole life (docs/benchmarks.md).
import path from "node:path";
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./lib/security/static-headers.mjs";

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native drivers and the wasm schema engine must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
  ],
  // Pin the root so a lockfile in a parent folder is never mistaken for the workspace root.
  turbopack: { root: path.resolve(import.meta.dirname) },
  poweredByHeader: false,
  typedRoutes: false,
  // Pages get their nonce-based Content-Security-Policy from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
