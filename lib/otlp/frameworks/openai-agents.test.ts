// The OpenAI Agents SDK (@openai/agents) with this dashboard's tracing processor: a triage
// agent hands off to a billing agent that calls a tool, over the Responses API, streamed,
// against the fake OpenAI server.
import {
  Agent,
  run,
  setDefaultOpenAIClient,
  setTraceProcessors,
  setTracingDisabled,
  tool,
  withTrace,
} from "@openai/agents";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ObservatoryAgentsProcessor } from "@/lib/client/openai-agents-processor";
import { billedTotals, listPriceUsd, startFakeOpenAi, type FakeOpenAi } from "@/test/support/fake-openai";
import { startHarness, storedSession, type Harness } from "@/test/support/framework-harness";
import { databaseKinds } from "@/test/support/test-database";

// --- the snippet in docs/frameworks.md and the in-app docs, with the fake server's URL ---
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

async function runTeam(
  observatory: { baseUrl: string; apiKey: string },
  sessionId: string,
): Promise<string | undefined> {
  const processor = new ObservatoryAgentsProcessor(observatory);
  setTraceProcessors([processor]); // or addTraceProcessor(processor) to keep OpenAI's own tracing too
  // One trace per conversation turn, in the session the groupId names; it is sent when it ends.
  const output = await withTrace(
    "Support",
    async () => {
      const result = await run(team(), "Where is my invoice?", { stream: true });
      await result.completed;
      return result.finalOutput;
    },
    { groupId: sessionId },
  );
  await processor.forceFlush();
  return output;
}
// --- end of snippet ---

// One fake server for the file: the SDK keeps the first default client's provider.
let fake: FakeOpenAi;
beforeAll(async () => {
  setTracingDisabled(false); // the SDK turns tracing off when NODE_ENV is "test"
  fake = await startFakeOpenAi({ prefer: ["transfer_to_Billing_agent", "lookup_invoice"] });
  setDefaultOpenAIClient(new OpenAI({ baseURL: fake.url, apiKey: "sk-test" }));
});
afterAll(async () => {
  await fake.close();
});

describe.each(databaseKinds())("OpenAI Agents SDK handoffs with the Observatory processor on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
    fake.ledger.length = 0;
  });
  afterAll(async () => {
    await h.close();
  });

  it("stores both agents, the handoff as a message, the tool call and the billed tokens and cost once", async () => {
    const output = await runTeam({ baseUrl: h.server.url, apiKey: h.key }, "agents-session-1");
    expect(output).toMatch(/^answer \d+$/);
    expect(fake.ledger.map((b) => `${b.api}${b.stream ? "+stream" : ""}: ${b.answer}`)).toEqual([
      "responses+stream: transfer_to_Billing_agent",
      "responses+stream: lookup_invoice",
      "responses+stream: text",
    ]);

    const s = await storedSession(h, "agents-session-1");
    expect(s.agentRuns).toEqual({ "Triage agent": 1, "Billing agent": 1 });
    expect(s.delegations).toEqual(["Billing agent <- Triage agent"]);
    expect(s.callsByAgent).toEqual({ "Triage agent": 1, "Billing agent": 2 });
    expect(s.toolsByAgent).toEqual(["Billing agent: lookup_invoice"]);
    expect(s.messages).toEqual(["Triage agent -> Billing agent (handoff)"]);
    expect(s.tokens).toEqual(billedTotals(fake.ledger));
    expect(s.models).toEqual(["gpt-4o-mini-2024-07-18"]);
    // (the SDK's response spans carry the response, not the request: no requested model to keep)
    expect(s.detail.usage.costUsd).toBeCloseTo(listPriceUsd(fake.ledger), 10);
  });
});
