import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { eventDocs } from "@/lib/api/docs";
import { LIMITS } from "@/lib/ingest/schemas";

export const metadata: Metadata = { title: "API docs" };

const BASE = "http://localhost:3000";

function curlFor(type: string, body: Record<string, unknown>): string {
  const payload = JSON.stringify({
    events: [{ id: `${type}-example-1`, type, timestamp: "2026-01-12T14:31:00Z", body }],
  });
  return `curl -sS -X POST ${BASE}/api/v1/ingest \\\n  -H "Authorization: Bearer $OBSERVATORY_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${payload}'`;
}

function Pre({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-md border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed text-fg">
      {children}
    </pre>
  );
}

export default function ApiDocsPage() {
  const docs = eventDocs();
  return (
    <div className="space-y-6">
      <PageHeader
        title="API docs"
        description="How agents send telemetry. Generated from the same schemas that validate requests."
      />
      <Card className="space-y-3 p-4 text-sm">
        <p className="text-fg">
          Create a project key with <Code>npm run cli -- keys create --project my-project --name my-agent</Code>, then
          post batches of events to <Code>POST /api/v1/ingest</Code> with <Code>Authorization: Bearer &lt;key&gt;</Code>{" "}
          (or <Code>x-api-key</Code>). The machine-readable contract is at{" "}
          <a className="text-accent underline-offset-2 hover:underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          .
        </p>
        <ul className="list-disc space-y-1 pl-5 text-fg-muted">
          <li>
            The answer is always 207 with one result per event, in order: 201 stored, 200 already stored (same id), 4xx
            rejected with the field path.
          </li>
          <li>Re-sending an event id is safe: nothing changes. Choose ids once and reuse them on retry.</li>
          <li>
            At most {LIMITS.maxEvents} events and {LIMITS.maxBodyBytes / 1024 / 1024} MB per request (also after{" "}
            <Code>Content-Encoding: gzip</Code>). On 429 or 503, wait for <Code>Retry-After</Code> and retry.
          </li>
          <li>
            Events may arrive in any order: references to unseen sessions, runs or agents create placeholders that later
            events fill in. The newest timestamp wins.
          </li>
          <li>
            Unknown fields are kept in metadata. Texts over {LIMITS.textCap.toLocaleString("en-US")} characters are kept
            up to the cap with a visible truncation marker.
          </li>
          <li>
            Read back with <Code>GET /api/v1/sessions</Code>, <Code>GET /api/v1/sessions/&#123;sessionId&#125;</Code>{" "}
            and <Code>GET /api/v1/sessions/&#123;sessionId&#125;/events</Code>.
          </li>
        </ul>
      </Card>
      {docs.map((doc) => (
        <Card key={doc.type} className="space-y-3 p-4">
          <h2 id={`event-${doc.type}`} className="font-mono text-sm font-semibold text-fg">
            {doc.type}
          </h2>
          <p className="text-sm text-fg-muted">{doc.description}</p>
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-fg-subtle">
              <tr>
                <th className="py-1 pr-4 font-medium">Field</th>
                <th className="py-1 pr-4 font-medium">Type</th>
                <th className="py-1 font-medium">Required</th>
              </tr>
            </thead>
            <tbody>
              {doc.fields.map((f) => (
                <tr key={f.name} className="border-t border-line">
                  <td className="py-1 pr-4 font-mono text-xs text-fg">{f.name}</td>
                  <td className="py-1 pr-4 font-mono text-xs text-fg-muted">{f.type}</td>
                  <td className="py-1 text-xs text-fg-muted">{f.required ? "yes" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pre>{curlFor(doc.type, doc.example)}</Pre>
        </Card>
      ))}
    </div>
  );
}
