// The browser security policy of every response. Pages get a Content-Security-Policy with a
// fresh nonce per request (set by proxy.ts), so scripts run only when Next.js rendered them:
// no 'unsafe-inline' for scripts. Everything else is static (static-headers.mjs) and set in
// next.config.mjs.

export { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./static-headers.mjs";

/**
 * style-src keeps 'unsafe-inline': React renders `style` attributes into the server HTML
 * (chart sizes, Gantt bar offsets, the log viewer's virtual rows), and a nonce cannot cover
 * attributes. A nonce in style-src would also make browsers ignore 'unsafe-inline'. Styles
 * cannot run script, so this does not reopen script injection.
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by the nonced Next.js runtime are trusted; in development
    // React needs eval for its error overlays
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // server actions and the live EventSource go to this origin only
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
