import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { attributeCatalog } from "@/lib/otlp/conventions/conventions";
import { FRAMEWORK_GUIDES, OTEL_SETUP } from "@/lib/otlp/framework-guides";

export const metadata: Metadata = { title: "Connect your framework" };

function Pre({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-md border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed text-fg">
      {children}
    </pre>
  );
}

export default function FrameworkDocsPage() {
  const catalog = attributeCatalog();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Connect your framework"
        description="Agent frameworks send their own telemetry to the OTLP receiver; their agents, handoffs, tool calls and token usage appear on the Agents, Usage and session pages."
      />
      <Card className="space-y-3 p-4 text-sm">
        <p className="text-fg">
          Every framework below sends OpenTelemetry traces to <Code>POST /api/v1/otlp/v1/traces</Code> with a project
          key (<Code>x-api-key</Code> or <Code>Authorization: Bearer</Code>). Set up the OpenTelemetry SDK once:
        </p>
        <Pre>{OTEL_SETUP}</Pre>
        <p className="text-fg-muted">
          Each snippet is the code an integration test runs against a local OpenAI-compatible server, with the tokens,
          cost, agents and handoffs it stores checked against what that server billed. Mastra is not covered: it needs
          Node.js 22.
        </p>
      </Card>
      {FRAMEWORK_GUIDES.map((g) => (
        <Card key={g.id} className="space-y-3 p-4 text-sm">
          <h2 id={g.id} className="font-semibold text-fg">
            {g.name}
          </h2>
          <p className="text-xs text-fg-muted">Tested with {g.packages}.</p>
          <p className="text-fg">{g.turnOn}</p>
          <Pre>{g.snippet}</Pre>
          <p className="text-fg-muted">{g.notes}</p>
        </Card>
      ))}
      <Card className="space-y-3 p-4 text-sm">
        <h2 id="attributes" className="font-semibold text-fg">
          Attributes read, by convention
        </h2>
        <p className="text-fg-muted">
          Where conventions disagree about a span, the first below wins; for each field the first attribute present is
          read, in this order. Session: the ids users set, else LangGraph&apos;s thread_id, else the trace id. Agents:
          each agent invocation is a run named by the framework; LLM and tool calls belong to the nearest agent around
          them; the service name only when there is none.
        </p>
        {catalog.map((c) => (
          <div key={c.convention} className="space-y-1">
            <h3 className="text-xs font-semibold text-fg">
              {c.convention}{" "}
              <a className="font-normal text-accent underline-offset-2 hover:underline" href={c.source}>
                specification
              </a>
            </h3>
            <p className="font-mono text-xs leading-relaxed text-fg-muted">{c.attributes.join(", ")}</p>
          </div>
        ))}
      </Card>
    </div>
  );
}
