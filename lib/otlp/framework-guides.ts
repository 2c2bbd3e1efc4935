// The "Connect your framework" guides: one minimal snippet per framework, each the exact
// text of the snippet its integration test runs (lib/otlp/frameworks/*.test.ts; checked by
// framework-guides.test.ts), shown on /docs/frameworks and in the README.

export type FrameworkGuide = {
  id: string;
  name: string;
  /** the versions the test runs */
  packages: string;
  /** how the framework's telemetry is turned on */
  turnOn: string;
  /** what the dashboard records, and what it cannot */
  notes: string;
  /** the test file whose marked snippet this is */
  testFile: string;
  snippet: string;
};

/** The OpenTelemetry SDK set up once for every framework (as in the README's "Send OpenTelemetry"). */
export const OTEL_SETUP = `import { trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";

const exporter = new OTLPTraceExporter({
  url: "http://localhost:3000/api/v1/otlp/v1/traces",
  headers: { "x-api-key": process.env.OBSERVATORY_KEY! },
});
const provider = new TracerProvider({
  resource: resourceFromAttributes({ "service.name": "my-agents" }),
  spanProcessors: [new BatchSpanProcessor({ exporter })],
});
trace.setGlobalTracerProvider(provider);
// an AsyncLocalStorage context manager (e.g. NodeSDK's) so that spans in awaited code find their parent
`;

export const FRAMEWORK_GUIDES: readonly FrameworkGuide[] = [
  {
    id: "langgraph",
    name: "LangGraph.js (supervisor) with OpenInference",
    packages:
      "@langchain/langgraph 1.7, @langchain/langgraph-supervisor 1.1, @langchain/openai 1.4, @arizeai/openinference-instrumentation-langchain 4.1",
    turnOn:
      'new LangChainInstrumentation().manuallyInstrument(CallbackManagerModule), with `import * as CallbackManagerModule from "@langchain/core/callbacks/manager"`, after the OpenTelemetry setup.',
    notes:
      "Session: configurable.thread_id. Agents: the supervisor and each named node; the inner agent/tools nodes belong to them. transfer_to_<agent> tools are handoff messages. Tokens with cache and reasoning; OpenInference records the requested model only. Offline, do not set streaming: true on ChatOpenAI: LangChain then downloads tiktoken ranks.",
    testFile: "lib/otlp/frameworks/langgraph.test.ts",
    snippet: `async function runTeam(baseURL: string, threadId: string): Promise<void> {
  const llm = (useResponsesApi = false) =>
    new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-test", configuration: { baseURL }, useResponsesApi });
  const webSearch = tool(async ({ query }) => \`results for \${query}\`, {
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
`,
  },
  {
    id: "vercel-ai",
    name: "Vercel AI SDK",
    packages: "ai 6, @ai-sdk/openai 3",
    turnOn:
      'experimental_telemetry: { isEnabled: true, functionId: "<agent>", metadata: { sessionId } } on each generateText/streamText; the AI SDK uses the global tracer provider.',
    notes:
      "Session: ai.telemetry.metadata.sessionId (or session_id, conversationId). Agents: each functionId; an agent called from a tool is a delegation message and a child run. Tokens once (the outer span's total is not added to its steps), with cache and reasoning; priced by ai.response.model.",
    testFile: "lib/otlp/frameworks/vercel-ai.test.ts",
    snippet: `async function runTeam(baseURL: string, sessionId: string): Promise<string> {
  const openai = createOpenAI({ baseURL, apiKey: "sk-test" });
  const telemetry = (functionId: string) => ({ isEnabled: true, functionId, metadata: { sessionId } });
  const lookup = tool({
    description: "Search the web",
    inputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) => \`results for \${query}\`,
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
`,
  },
  {
    id: "openai-agents",
    name: "OpenAI Agents SDK",
    packages: "@openai/agents 0.14 (openai 6)",
    turnOn:
      "setTraceProcessors([new ObservatoryAgentsProcessor({ baseUrl, apiKey })]) from lib/client/openai-agents-processor.ts, or addTraceProcessor to keep OpenAI's own tracing too. With an OpenTelemetry instrumentation of the OpenAI client as well, add processor.spanProcessor(getCurrentSpan) to its tracer provider's span processors.",
    notes:
      "Session: the trace's groupId. Agents: each agent span; handoffs are messages and the agent handed to runs under the one that handed off; function spans are tool calls; generation/response spans are LLM calls priced by the response model, or, with an OpenTelemetry instrumentation linked, the instrumentation's spans on the same agent, counted once.",
    testFile: "lib/otlp/frameworks/openai-agents.test.ts",
    snippet: `function team() {
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
`,
  },
  {
    id: "otel-openai",
    name: "OpenTelemetry OpenAI instrumentation",
    packages: "@opentelemetry/instrumentation-openai 0.21",
    turnOn:
      "registerInstrumentations({ instrumentations: [new OpenAIInstrumentation()] }) before openai is imported; open an invoke_agent span with gen_ai.agent.name and gen_ai.conversation.id around the calls.",
    notes:
      "Chat Completions (streamed with include_usage, and not) and Responses. The instrumentation reports input and output tokens only: cached and reasoning tokens are billed but not reported, so cost is computed without the cache discount.",
    testFile: "lib/otlp/frameworks/otel-openai.test.ts",
    snippet: `async function support(baseURL: string, sessionId: string): Promise<void> {
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
`,
  },
  {
    id: "langfuse",
    name: "Langfuse tracing SDK",
    packages: "@langfuse/tracing 5.11, @langfuse/core 5.11",
    turnOn:
      "setLangfuseTracerProvider(provider) with the OpenTelemetry setup above, and the span processor in the snippet, which copies propagateAttributes' session onto each span (what Langfuse's own span processor does).",
    notes:
      "Session: propagateAttributes({ sessionId }). Agents: agent observations; an agent inside a tool observation is a delegation. Usage from usageDetails (disjoint types: input, input_cached_tokens, output, output_reasoning_tokens) and cost from costDetails.total.",
    testFile: "lib/otlp/frameworks/langfuse.test.ts",
    snippet: `// What Langfuse's own span processor does besides exporting: put the attributes that
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
`,
  },
];
