// LangGraph.js: a @langchain/langgraph-supervisor supervisor handing off to two ReAct agents,
// traced by OpenInference's LangChain instrumentation, against the fake OpenAI server (Chat
// Completions for the supervisor and the researcher, the Responses API for the mathematician).
// ChatOpenAI is not streamed: with streaming: true LangChain fetches tiktoken ranks from the
// internet to count tokens.
import * as CallbackManagerModule from "@langchain/core/callbacks/manager";
import { tool } from "@langchain/core/tools";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { createSupervisor } from "@langchain/langgraph-supervisor";
import { ChatOpenAI } from "@langchain/openai";
import { LangChainInstrumentation } from "@arizeai/openinference-instrumentation-langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
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
  otel = startOtel("langgraph-app");
  new LangChainInstrumentation().manuallyInstrument(CallbackManagerModule);
});

// --- the snippet in docs/frameworks.md and the in-app docs, with the fake server's URL ---
async function runTeam(baseURL: string, threadId: string): Promise<void> {
  const llm = (useResponsesApi = false) =>
    new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-test", configuration: { baseURL }, useResponsesApi });
  const webSearch = tool(async ({ query }) => `results for ${query}`, {
    name: "web_search",
    description: "Search the web",
    schema: z.object({ query: z.string() }),
  });
  const add = tool(async () => "42", {
    name: "add",
    description: "Add numbers",
    schema: z.object({ query: z.string() }),
  });
  const researcher = createReactAgent({
    llm: llm(),
    tools: [webSearch],
    name: "research_expert",
    prompt: "You research.",
  });
  const mathematician = createReactAgent({ llm: llm(true), tools: [add], name: "math_expert", prompt: "You compute." });
  const app = createSupervisor({ agents: [researcher, mathematician], llm: llm(), prompt: "You delegate." }).compile();
  await app.invoke(
    { messages: [{ role: "user", content: "Research the question, then compute the answer." }] },
    { configurable: { thread_id: threadId } },
  );
}
// --- end of snippet ---

describe.each(databaseKinds())("LangGraph supervisor with OpenInference on %s", (kind) => {
  let h: Harness;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    h = await startHarness(kind);
    otel.pointAt(h);
    fake = await startFakeOpenAi({
      prefer: ["transfer_to_research_expert", "transfer_to_math_expert", "web_search", "add"],
    });
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  it("stores the supervisor and both experts as agents, the handoffs as messages, and the billed tokens and cost once", async () => {
    await runTeam(fake.url, "lg-thread-1");
    await otel.flush();
    expect(fake.ledger.map((b) => `${b.api}: ${b.answer}`)).toEqual([
      "chat: transfer_to_research_expert",
      "chat: web_search",
      "chat: text",
      "chat: transfer_to_math_expert",
      "responses: add",
      "responses: text",
      "chat: text",
    ]);

    const s = await storedSession(h, "lg-thread-1");
    expect(s.agentRuns).toEqual({ supervisor: 3, research_expert: 1, math_expert: 1 });
    expect(s.delegations.sort()).toEqual(["math_expert <- supervisor", "research_expert <- supervisor"]);
    expect(s.callsByAgent).toEqual({ supervisor: 3, research_expert: 2, math_expert: 2 });
    expect(s.toolsByAgent).toEqual([
      "supervisor: transfer_to_research_expert",
      "research_expert: web_search",
      "supervisor: transfer_to_math_expert",
      "math_expert: add",
    ]);
    expect(s.messages).toEqual(["supervisor -> research_expert (handoff)", "supervisor -> math_expert (handoff)"]);
    expect(s.tokens).toEqual(billedTotals(fake.ledger));
    // OpenInference's LangChain instrumentation records the requested model only (llm.model_name
    // from the invocation parameters); the snapshot the server answered with is priced the same.
    expect(s.models).toEqual(["gpt-4o-mini"]);
    expect(s.detail.usage.costUsd).toBeCloseTo(listPriceUsd(fake.ledger), 10);
  });
});
