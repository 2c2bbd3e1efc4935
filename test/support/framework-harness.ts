// What the framework integration tests share: a dashboard on a fresh database behind real
// HTTP, one OpenTelemetry pipeline for the whole test file (instrumentations patch modules
// once per process) whose exporter is pointed at the current database's dashboard, and a
// read-back of what a session stored, in the words the tests check.
import { context, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace";
import { createApiKey } from "@/lib/auth/api-keys";
import { ObservatoryClient } from "@/lib/client/observatory-client";
import { overrideDbForTests } from "@/lib/db/client";
import type { DatabaseKind } from "@/lib/db/database-url";
import { ensureProject } from "@/lib/projects/projects";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { BASE_URL, harnessFetch } from "@/test/support/api-harness";
import { AsyncLocalContextManager } from "@/test/support/async-context";
import { startObservatoryServer, type ObservatoryServer } from "@/test/support/observatory-server";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";

export type Harness = {
  t: TestDatabase;
  key: string;
  server: ObservatoryServer;
  api: ObservatoryClient;
  close: () => Promise<void>;
};

export async function startHarness(kind: DatabaseKind): Promise<Harness> {
  const t = await createTestDatabase(kind);
  overrideDbForTests({ db: t.db, kind });
  await ensureDefaultPrices(t.db);
  const project = await ensureProject(t.db, "frameworks");
  const key = (await createApiKey(t.db, { projectId: project.id, name: "frameworks" })).key;
  const server = await startObservatoryServer();
  const client = new ObservatoryClient({ baseUrl: BASE_URL, apiKey: key, fetch: harnessFetch, sleep: async () => {} });
  return {
    t,
    key,
    server,
    api: client,
    close: async () => {
      await server.close();
      overrideDbForTests(undefined);
      await t.drop();
    },
  };
}

/** Sends to whichever dashboard the current test points it at. */
class SwitchableExporter implements SpanExporter {
  target?: SpanExporter;
  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]): void {
    if (!this.target) throw new Error("no dashboard to export to");
    this.target.export(spans, done);
  }
  async shutdown(): Promise<void> {
    await this.target?.shutdown();
  }
  async forceFlush(): Promise<void> {
    await this.target?.forceFlush?.();
  }
}

export type OtelPipeline = { provider: TracerProvider; pointAt: (h: Harness) => void; flush: () => Promise<void> };

/**
 * The global tracer provider, exporting OTLP/protobuf in batches as the docs' snippets set it
 * up; a batch is sent when the test flushes, so that a run arrives in one export. (Runs split
 * across exports are covered by map-spans.test.ts with stored state.)
 */
export function startOtel(service: string, before: SpanProcessor[] = []): OtelPipeline {
  context.setGlobalContextManager(new AsyncLocalContextManager());
  const exporter = new SwitchableExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [
      ...before,
      new BatchSpanProcessor({ exporter, scheduledDelayMillis: 60_000, maxExportBatchSize: 1000, maxQueueSize: 4000 }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  return {
    provider,
    pointAt: (h) => {
      exporter.target = new OTLPTraceExporter({ url: h.server.otlpUrl, headers: { "x-api-key": h.key } });
    },
    flush: async () => {
      // Frameworks end their outermost span a few ticks after the promise the caller awaits.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await provider.forceFlush();
    },
  };
}

/** What one session stored, named by agent. */
export async function storedSession(h: Harness, sessionId: string) {
  const db = h.t.db;
  const where = { session: { externalId: sessionId } };
  const runs = await db.run.findMany({
    where,
    include: { agent: true, parent: { select: { agentType: true, agentId: true, externalId: true } } },
    orderBy: { startedAt: "asc" },
  });
  const calls = await db.llmCall.findMany({
    where,
    include: { run: { select: { agentType: true } } },
    orderBy: { startedAt: "asc" },
  });
  const tools = await db.event.findMany({
    where: { ...where, kind: "tool_call" },
    include: { run: { select: { agentType: true } } },
    orderBy: { timestamp: "asc" },
  });
  const messages = await db.message.findMany({ where, orderBy: { timestamp: "asc" } });
  const detail = await h.api.getSession(sessionId);
  const count = <T>(items: T[], key: (i: T) => string) =>
    items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [key(i)]: (acc[key(i)] ?? 0) + 1 }), {});
  const agentRuns = runs.filter((r) => r.agent !== null);
  return {
    detail,
    runs,
    calls,
    /** runs of each framework agent (runs with an agent), by name */
    agentRuns: count(agentRuns, (r) => r.agentType ?? "?"),
    /** "child ← parent" for every agent run whose parent run is another agent's */
    delegations: agentRuns.filter((r) => r.parent?.agentId).map((r) => `${r.agentType} <- ${r.parent?.agentType}`),
    /** LLM calls by the agent they are on */
    callsByAgent: count(calls, (c) => c.agentType ?? "?"),
    toolsByAgent: tools.map((e) => `${e.agentType}: ${e.component}`),
    messages: messages.map((m) => `${m.fromAgent} -> ${m.toAgent} (${m.kind})`),
    tokens: {
      inputTokens: detail.usage.inputTokens,
      outputTokens: detail.usage.outputTokens,
      cacheReadTokens: detail.usage.cacheReadTokens,
      reasoningTokens: detail.usage.reasoningTokens,
    },
    models: [...new Set(calls.map((c) => c.model))],
  };
}
