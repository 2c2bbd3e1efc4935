// Server-sent events framing and the request check of the live endpoint. Pure, so the
// wire format and the origin rule have their own tests.

/** One SSE message. Data is JSON on a single line, so no line of it can start a field. */
export function sseMessage(event: string, data: unknown, id?: string): string {
  const lines = [`event: ${event}`];
  if (id !== undefined) lines.push(`id: ${id.replace(/[\r\n]/g, "")}`);
  lines.push(`data: ${JSON.stringify(data)}`);
  return `${lines.join("\n")}\n\n`;
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}

/** How long the browser waits before reconnecting after a drop. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

type HeaderReader = { get(name: string): string | null };

/**
 * Same-origin requests only (until the auth issue brings user sessions). Browsers send
 * Sec-Fetch-Site on every request and Origin on cross-origin ones; a request with neither
 * (curl, server-side tools on the same machine) is allowed, as the pages themselves are.
 */
export function isSameOriginRequest(headers: HeaderReader, requestUrl: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null || origin === "") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host") || new URL(requestUrl).host;
  return originHost.toLowerCase() === host.toLowerCase();
}
