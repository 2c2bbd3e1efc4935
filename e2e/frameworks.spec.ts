import { execFileSync } from "node:child_process";
import { createOpenAI } from "@ai-sdk/openai";
import { context, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { expect, test } from "@playwright/test";
import { generateText, stepCountIs, tool } from "ai";
import { z } from "zod";
import { AsyncLocalContextManager } from "@/test/support/async-context";
import { startFakeOpenAi } from "@/test/support/fake-openai";

// A real framework end to end: the Vercel AI SDK, with a supervisor that runs a researcher
// as a tool against a local OpenAI-compatible server, exports OTLP to the running production
// server; its agents then show on the Agents page, the delegation in the session's Messages
// tab, and their tokens on the Usage page.
test("a Vercel AI SDK team's agents show on the Agents, Messages and Usage pages", async ({ page, baseURL }) => {
  const out = execFileSync(
    "npm",
    ["run", "--silent", "cli", "--", "keys", "create", "--project", "e2e-frameworks", "--name", "ai-sdk"],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db" },
      encoding: "utf8",
    },
  );
  const key = out.trim().split("\n").pop() ?? "";
  const fake = await startFakeOpenAi({ prefer: ["research", "web_search"] });
  const sessionId = `ai-sdk-e2e-${Date.now()}`;
  context.setGlobalContextManager(new AsyncLocalContextManager());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "ai-sdk-e2e" }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: `${baseURL}/api/v1/otlp/v1/traces`, headers: { "x-api-key": key } }),
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  try {
    const openai = createOpenAI({ baseURL: fake.url, apiKey: "sk-test" });
    const telemetry = (functionId: string) => ({ isEnabled: true, functionId, metadata: { sessionId } });
    const webSearch = tool({
      description: "Search",
      inputSchema: z.object({ query: z.string() }),
      execute: async () => "results",
    });
    const research = tool({
      description: "Ask the researcher",
      inputSchema: z.object({ query: z.string() }),
      execute: async ({ query }) =>
        (
          await generateText({
            model: openai.chat("gpt-4o-mini"),
            prompt: query,
            tools: { web_search: webSearch },
            stopWhen: stepCountIs(3),
            experimental_telemetry: telemetry("fw-researcher"),
          })
        ).text,
    });
    await generateText({
      model: openai.chat("gpt-4o-mini"),
      prompt: "Find out",
      tools: { research },
      stopWhen: stepCountIs(3),
      experimental_telemetry: telemetry("fw-supervisor"),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await provider.forceFlush();
  } finally {
    await provider.shutdown();
    await fake.close();
  }
  expect(fake.ledger).toHaveLength(4);

  await page.goto("/agents?window=24h");
  const board = page.getByTestId("agent-leaderboard");
  await expect(board).toContainText("fw-supervisor");
  await expect(board).toContainText("fw-researcher");

  await page.goto(`/sessions/${encodeURIComponent(sessionId)}?tab=messages`);
  const message = page.getByTestId("message").first();
  await expect(message).toContainText("fw-supervisor");
  await expect(message).toContainText("fw-researcher");

  await page.goto("/usage?window=24h&stack=agentType");
  const table = page.getByTestId("usage-table");
  await expect(table).toContainText("fw-supervisor");
  await expect(table).toContainText("fw-researcher");
});
