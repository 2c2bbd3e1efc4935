// What the audit trail records about where a request came from. Values are as the client
// (or the proxy in front of us) sent them, capped in length.
import type { AuditInput } from "@/lib/audit/append-audit";

export type RequestInfo = Pick<AuditInput, "ip" | "userAgent" | "requestId">;

export function requestInfo(request: Request, requestId: string): RequestInfo {
  // proxy headers are only believed behind a proxy the operator configured (anyone can send them)
  const trusted = process.env.OBSERVATORY_TRUSTED_PROXY === "1";
  const forwarded = trusted ? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const ip = forwarded || (trusted ? request.headers.get("x-real-ip")?.trim() : undefined) || undefined;
  return { ip: ip?.slice(0, 100), userAgent: request.headers.get("user-agent")?.slice(0, 500) || undefined, requestId };
}
