// Runs before every page: a fresh CSP nonce per request. Next.js reads the nonce from the
// request's Content-Security-Policy header and puts it on the scripts it renders.
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageContentSecurityPolicy } from "@/lib/security/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // API responses get their own static policy (next.config.mjs); static files need none
  matcher: [
    {
      source:
        "/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|icon.svg|logo.svg|robots.txt|manifest.webmanifest).*)",
    },
  ],
};
