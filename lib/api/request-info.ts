// What the audit trail records about where a request came from. Values are as the client
// (or the proxy in front of us) sent them, capped in length.
import type { AuditInput } from "@/lib/audit/append-audit";
import { env } from "@/lib/env";

export type RequestInfo = Pick<AuditInput, "ip" | "userAgent" | "requestId">;

/**
 * The client address. Proxy headers are only believed behind a proxy the operator configured
 * (anyone can send them); Next's App Router does not expose the socket address otherwise.
 */
export function clientIp(headers: Headers): string | undefined {
  if (env().OBSERVATORY_TRUSTED_PROXY !== true) return undefined;
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim();
  return ip ? ip.slice(0, 100) : undefined;
}

export function requestInfo(request: Request, requestId: string): RequestInfo {
  const ip = clientIp(request.headers);
  return { ip: ip?.slice(0, 100), userAgent: request.headers.get("user-agent")?.slice(0, 500) || undefined, requestId };
}
