// The OpenAI Agents SDK with this dashboard's processor AND OpenInference's OpenAI
// instrumentation, over Chat Completions: the model calls are recorded by both, and must be
// stored once, on the agent that made them.
import { OpenAIInstrumentation } from "@arizeai/openinference-instrumentation-openai";
import {
  Agent,
  getCurrentSpan,
  run,
  setDefaultOpenAIClient,
  setOpenAIAPI,
  setTraceProcessors,
  setTracingDisabled,
  tool,
  withTrace,
} from "@openai/agents";
import type { SpanProcessor } from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ObservatoryAgentsProcessor } from "@/lib/client/openai-agents-processor";
import { billedTotals, listPriceUsd, startFakeOpenAi, type FakeOpenAi } from "@/test/support/fake-openai";
import {
  startHarness,
  startOtel,
  storedSession,
  type Harness,
  type OtelPipeline,
} from "@/test/support/framework-harness";
import { databaseKinds } from "@/test/support/test-database";

let fake: FakeOpenAi;
let otel: OtelPipeline;
let processor: ObservatoryAgentsProcessor;
// The tracer provider is global and built once; the processor changes with each database.
const linking: SpanProcessor = {
  onStart: (span, parent) => processor.spanProcessor(getCurrentSpan).onStart(span, parent),
  onEnd: () => {},
  forceFlush: async () => {},
  shutdown: async () => {},
};

beforeAll(async () => {
  setTracingDisabled(false);
  otel = startOtel("agents-app", [linking]);
  new OpenAIInstrumentation().manuallyInstrument(OpenAI);
  fake = await startFakeOpenAi({ prefer: ["transfer_to_Billing_agent", "lookup_invoice"] });
  setDefaultOpenAIClient(new OpenAI({ baseURL: fake.url, apiKey: "sk-test" }));
  setOpenAIAPI("chat_completions");
});
afterAll(async () => {
  await fake.close();
});

function team() {
  const lookupInvoice = tool({
    name: "lookup_invoice",
    description: "Find an invoice",
    parameters: z.object({ query: z.string() }),
    execute: async () => "invoice 42 is paid",
  });
  const billing = new Agent({
    name: "Billing agent",
    instructions: "You answer billing questions.",
    tools: [lookupInvoice],
    model: "gpt-4o-mini",
  });
  return Agent.create({
    name: "Triage agent",
    instructions: "You route questions.",
    handoffs: [billing],
    model: "gpt-4o-mini",
  });
}

describe.each(databaseKinds())(
  "OpenAI Agents SDK with the processor and OpenInference's OpenAI instrumentation on %s",
  (kind) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(kind);
      otel.pointAt(h);
      processor = new ObservatoryAgentsProcessor({ baseUrl: h.server.url, apiKey: h.key });
      setTraceProcessors([processor]);
      fake.ledger.length = 0;
    });
    afterAll(async () => {
      await h.close();
    });

    it("counts each model call once, on the agent that made it, in the session of the trace's groupId", async () => {
      await withTrace("Support", async () => (await run(team(), "Where is my invoice?")).finalOutput, {
        groupId: "agents-oi-session",
      });
      await processor.forceFlush();
      await otel.flush();
      expect(fake.ledger.map((b) => `${b.api}: ${b.answer}`)).toEqual([
        "chat: transfer_to_Billing_agent",
        "chat: lookup_invoice",
        "chat: text",
      ]);

      const s = await storedSession(h, "agents-oi-session");
      expect(s.agentRuns).toEqual({ "Triage agent": 1, "Billing agent": 1 });
      expect(s.delegations).toEqual(["Billing agent <- Triage agent"]);
      expect(s.callsByAgent).toEqual({ "Triage agent": 1, "Billing agent": 2 });
      expect(s.calls.map((c) => c.metadata && (c.metadata as { otlp?: { scope?: string } }).otlp?.scope)).toEqual(
        Array(3).fill(expect.stringContaining("openinference-instrumentation-openai")),
      );
      expect(s.toolsByAgent).toEqual(["Billing agent: lookup_invoice"]);
      expect(s.messages).toEqual(["Triage agent -> Billing agent (handoff)"]);
      expect(s.tokens).toEqual(billedTotals(fake.ledger));
      expect(s.detail.usage.costUsd).toBeCloseTo(listPriceUsd(fake.ledger), 10);
    });
  },
);
