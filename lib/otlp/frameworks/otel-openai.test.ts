// The official @opentelemetry/instrumentation-openai, under an agent span the application
// opens itself (the instrumentation knows nothing of agents): Chat Completions streamed and
// not, and the Responses API. It reports input and output tokens but no cache or reasoning
// details, so the fake server bills no cached tokens here and the cost still matches.
import { metrics, trace } from "@opentelemetry/api";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billedTotals, listPriceUsd, startFakeOpenAi, type FakeOpenAi } from "@/test/support/fake-openai";
import {
  startHarness,
  startOtel,
  storedSession,
  type Harness,
  type OtelPipeline,
} from "@/test/support/framework-harness";
import { databaseKinds } from "@/test/support/test-database";

let otel: OtelPipeline;
beforeAll(() => {
  otel = startOtel("support-bot");
  const instrumentation = new OpenAIInstrumentation();
  instrumentation.setTracerProvider(otel.provider);
  instrumentation.setMeterProvider(metrics.getMeterProvider()); // creates its metric instruments (no-op here)
  // registerInstrumentations hooks require/import; vitest loads modules its own way, so the
  // module definition's patch is applied to the imported module directly.
  for (const definition of instrumentation.getModuleDefinitions()) definition.patch?.({ OpenAI }, "6.49.0");
});

// --- the snippet in docs/frameworks.md and the in-app docs, with the fake server's URL ---
async function support(baseURL: string, sessionId: string): Promise<void> {
  const openai = new OpenAI({ baseURL, apiKey: "sk-test" });
  const tracer = trace.getTracer("support-bot");
  await tracer.startActiveSpan(
    "invoke_agent support",
    {
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "support",
        "gen_ai.conversation.id": sessionId,
      },
    },
    async (span) => {
      await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] });
      const stream = await openai.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Stream it" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) void chunk;
      await openai.responses.create({ model: "gpt-4o-mini", input: "And once more" });
      span.end();
    },
  );
}
// --- end of snippet ---

describe.each(databaseKinds())("official OpenTelemetry OpenAI instrumentation on %s", (kind) => {
  let h: Harness;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    h = await startHarness(kind);
    otel.pointAt(h);
    fake = await startFakeOpenAi({ prefer: [], caching: false });
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  it("stores every model call on the application's agent with the billed tokens, response model and cost", async () => {
    await support(fake.url, "otel-openai-session");
    await otel.flush();
    expect(fake.ledger.map((b) => `${b.api}${b.stream ? "+stream" : ""}`)).toEqual([
      "chat",
      "chat+stream",
      "responses",
    ]);

    const s = await storedSession(h, "otel-openai-session");
    expect(s.agentRuns).toEqual({ support: 1 });
    expect(s.callsByAgent).toEqual({ support: 3 });
    const { reasoningTokens, ...billed } = billedTotals(fake.ledger);
    expect(reasoningTokens).toBeGreaterThan(0); // billed, inside the output tokens; not reported separately
    expect(s.tokens).toEqual({ ...billed, reasoningTokens: 0 });
    expect(s.models).toEqual(["gpt-4o-mini-2024-07-18"]);
    expect(s.detail.usage.costUsd).toBeCloseTo(listPriceUsd(fake.ledger), 10);
  });
});
