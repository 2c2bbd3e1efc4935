// The audit trail as CSV or NDJSON, with the Audit page's filters. The export is audited
// before the first byte is sent (lib/audit/audit-export.ts); rows are read and streamed a
// page at a time, never all held in memory.
import { startAuditExport } from "@/lib/audit/audit-export";
import {
  AUDIT_CSV_HEADER,
  AUDIT_READER_ROLE,
  auditCsvLine,
  auditNdjsonLine,
  iterateAuditEntries,
  parseAuditFilters,
} from "@/lib/audit/audit-queries";
import { userOrRefusal } from "@/lib/auth/current-user";
import { requestMeta } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { csvLine } from "@/lib/export/csv";

export const dynamic = "force-dynamic";

const FORMATS = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" } as const;

function badRequest(message: string, field: string): Response {
  return Response.json({ error: { code: "invalid_request", message, field } }, { status: 400 });
}

export async function GET(request: Request): Promise<Response> {
  const user = await userOrRefusal(request.headers, AUDIT_READER_ROLE);
  if (user instanceof Response) return user;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "ndjson") return badRequest("format: must be csv or ndjson", "format");
  const parsed = parseAuditFilters(url.searchParams);
  if (!parsed.ok) return badRequest(parsed.error, parsed.field);
  const meta = requestMeta(request.headers);
  const client = db();

  const { filters, rows } = await startAuditExport(client, {
    format,
    filters: parsed.filters,
    actor: { type: "user", id: user.id, name: user.email, role: user.role },
    ip: meta.ip ?? undefined,
    userAgent: meta.userAgent ?? undefined,
  });

  const pages = iterateAuditEntries(client, filters);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) return controller.close();
        const line = format === "csv" ? auditCsvLine : auditNdjsonLine;
        controller.enqueue(encoder.encode(next.value.map(line).join("")));
      } catch (error) {
        console.error("[audit] export failed:", error instanceof Error ? error.message : error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": FORMATS[format],
      "content-disposition": `attachment; filename="audit-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-audit-rows": String(rows),
    },
  });
}
