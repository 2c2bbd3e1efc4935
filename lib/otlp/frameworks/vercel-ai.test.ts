// The Vercel AI SDK (ai@6, @ai-sdk/openai@3) with experimental_telemetry, a supervisor that
// runs two agents as tools, against the fake OpenAI server: Chat Completions streamed for
// the supervisor, the Responses API for the researcher, Chat Completions for the mathematician.
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, stepCountIs, streamText, tool } from "ai";
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
  otel = startOtel("ai-sdk-app");
});

// --- the snippet in docs/frameworks.md and the in-app docs, with the fake server's URL ---
async function runTeam(baseURL: string, sessionId: string): Promise<string> {
  const openai = createOpenAI({ baseURL, apiKey: "sk-test" });
  const telemetry = (functionId: string) => ({ isEnabled: true, functionId, metadata: { sessionId } });
  const lookup = tool({
    description: "Search the web",
    inputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) => `results for ${query}`,
  });
  const add = tool({
    description: "Add numbers",
    inputSchema: z.object({ query: z.string() }),
    execute: async () => "42",
  });
  const research = tool({
    description: "Ask the researcher",
    inputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) =>
      (
        await generateText({
          model: openai("gpt-4o-mini"), // the Responses API
          prompt: query,
          tools: { web_search: lookup },
          stopWhen: stepCountIs(3),
          experimental_telemetry: telemetry("researcher"),
        })
      ).text,
  });
  const calculate = tool({
    description: "Ask the mathematician",
    inputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) =>
      (
        await generateText({
          model: openai.chat("gpt-4o-mini"),
          prompt: query,
          tools: { add },
          stopWhen: stepCountIs(3),
          experimental_telemetry: telemetry("mathematician"),
        })
      ).text,
  });
  const result = streamText({
    model: openai.chat("gpt-4o-mini"),
    prompt: "Research the question, then compute the answer.",
    tools: { research, calculate },
    stopWhen: stepCountIs(4),
    experimental_telemetry: telemetry("supervisor"),
  });
  return await result.text;
}
// --- end of snippet ---

describe.each(databaseKinds())("Vercel AI SDK agents as tools on %s", (kind) => {
  let h: Harness;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    h = await startHarness(kind);
    otel.pointAt(h);
    fake = await startFakeOpenAi({ prefer: ["research", "calculate", "web_search", "add"] });
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  it("stores each agent's run, calls and tools, the delegations as messages, and the billed tokens and cost once", async () => {
    const text = await runTeam(fake.url, "ai-sdk-session");
    await otel.flush();
    expect(text).toMatch(/^answer \d+$/);
    expect(fake.ledger.map((b) => `${b.api}${b.stream ? "+stream" : ""}: ${b.answer}`)).toEqual([
      "chat+stream: research",
      "responses: web_search",
      "responses: text",
      "chat+stream: calculate",
      "chat: add",
      "chat: text",
      "chat+stream: text",
    ]);

    const s = await storedSession(h, "ai-sdk-session");
    expect(s.agentRuns).toEqual({ supervisor: 1, researcher: 1, mathematician: 1 });
    expect(s.delegations.sort()).toEqual(["mathematician <- supervisor", "researcher <- supervisor"]);
    expect(s.callsByAgent).toEqual({ supervisor: 3, researcher: 2, mathematician: 2 });
    expect(s.toolsByAgent.sort()).toEqual([
      "mathematician: add",
      "researcher: web_search",
      "supervisor: calculate",
      "supervisor: research",
    ]);
    expect(s.messages).toEqual(["supervisor -> researcher (delegation)", "supervisor -> mathematician (delegation)"]);
    expect(s.tokens).toEqual(billedTotals(fake.ledger));
    expect(s.models).toEqual(["gpt-4o-mini-2024-07-18"]);
    expect(s.calls.every((c) => c.costSource === "computed")).toBe(true);
    expect(s.detail.usage.costUsd).toBeCloseTo(listPriceUsd(fake.ledger), 10);
  });
});
