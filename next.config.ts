import path from "node:path";
import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./lib/security/security-headers";

const nextConfig: NextConfig = {
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
