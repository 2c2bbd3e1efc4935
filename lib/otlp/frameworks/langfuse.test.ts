// @langfuse/tracing pointed at this dashboard's OTLP receiver: agent, tool and generation
// observations, the session propagated from the top, an agent run as a tool, and usage given
// as Langfuse usage details (disjoint types: uncached input, cached input, text output,
// reasoning output) for calls made to the fake OpenAI server.
import { getPropagatedAttributesFromContext } from "@langfuse/core";
import type { SpanProcessor } from "@opentelemetry/sdk-trace";
import {
  propagateAttributes,
  setLangfuseTracerProvider,
  startActiveObservation,
  startObservation,
} from "@langfuse/tracing";
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

// --- the snippet in docs/frameworks.md and the in-app docs, with the fake server's URL ---
// What Langfuse's own span processor does besides exporting: put the attributes that
// propagateAttributes set (session, user, tags) on every span started below it.
const langfuseAttributes: SpanProcessor = {
  onStart: (span, parentContext) => span.setAttributes(getPropagatedAttributesFromContext(parentContext)),
  onEnd: () => {},
  forceFlush: async () => {},
  shutdown: async () => {},
};
async function chat(openai: OpenAI, prompt: string): Promise<string> {
  const generation = startObservation("chat", { model: "gpt-4o-mini", input: prompt }, { asType: "generation" });
  const response = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: prompt }],
  });
  const usage = response.usage!;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  generation
    .update({
      model: response.model,
      output: response.choices[0]?.message,
      usageDetails: {
        input: usage.prompt_tokens - cached,
        input_cached_tokens: cached,
        output: usage.completion_tokens - reasoning,
        output_reasoning_tokens: reasoning,
      },
    })
    .end();
  return response.choices[0]?.message.content ?? "";
}

async function supervisor(baseURL: string, sessionId: string): Promise<void> {
  const openai = new OpenAI({ baseURL, apiKey: "sk-test" });
  await propagateAttributes({ sessionId }, () =>
    startActiveObservation(
      "supervisor",
      async () => {
        const plan = await chat(openai, "Plan the work");
        await startActiveObservation(
          "ask_researcher",
          (tool) =>
            startActiveObservation(
              "researcher",
              async () => {
                await startActiveObservation("web_search", async (search) => search.update({ output: "results" }), {
                  asType: "tool",
                });
                tool.update({ input: { question: plan }, output: await chat(openai, "Summarise the results") });
              },
              { asType: "agent" },
            ),
          { asType: "tool" },
        );
        await chat(openai, "Write the answer");
      },
      { asType: "agent" },
    ),
  );
}
// --- end of snippet ---

beforeAll(() => {
  otel = startOtel("langfuse-app", [langfuseAttributes]);
  setLangfuseTracerProvider(otel.provider);
});

describe.each(databaseKinds())("Langfuse tracing SDK on %s", (kind) => {
  let h: Harness;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    h = await startHarness(kind);
    otel.pointAt(h);
    fake = await startFakeOpenAi({ prefer: [] });
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  it("stores the agents, the agent run as a tool as a delegation, the generations with their usage details and the cost", async () => {
    await supervisor(fake.url, "langfuse-session");
    await otel.flush();
    expect(fake.ledger).toHaveLength(3);

    const s = await storedSession(h, "langfuse-session");
    expect(s.agentRuns).toEqual({ supervisor: 1, researcher: 1 });
    expect(s.delegations).toEqual(["researcher <- supervisor"]);
    expect(s.callsByAgent).toEqual({ supervisor: 2, researcher: 1 });
    expect(s.toolsByAgent.sort()).toEqual(["researcher: web_search", "supervisor: ask_researcher"]);
    expect(s.messages).toEqual(["supervisor -> researcher (delegation)"]);
    expect(s.tokens).toEqual(billedTotals(fake.ledger));
    expect(s.models).toEqual(["gpt-4o-mini-2024-07-18"]);
    expect(s.detail.usage.costUsd).toBeCloseTo(listPriceUsd(fake.ledger), 10);
  });
});
