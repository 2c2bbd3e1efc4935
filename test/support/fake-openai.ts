// A local OpenAI-compatible server for the framework integration tests: Chat Completions and
// Responses, streamed and not, with usage that includes cached and reasoning token details.
// It plays every agent the same way: call the first tool offered (in the test's order of
// preference) that the conversation has not called yet, else answer in text. Every answer
// is billed in `ledger`, which the tests compare with what the dashboard stored.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Bill = {
  api: "chat" | "responses";
  stream: boolean;
  requestModel: string;
  responseModel: string;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** what the call answered: the tool it called, else "text" */
  answer: string;
  /** the tools the request offered, to tell which agent asked */
  offered: string[];
};

/** Dated snapshots the server answers with, as OpenAI does. */
const SNAPSHOTS: Record<string, string> = {
  "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "o4-mini": "o4-mini-2025-04-16",
};

/** OpenAI list prices, USD per 1M tokens (input, cached input, output), to check computed cost against. */
export const LIST_PRICES: Record<string, { input: number; cached: number; output: number }> = {
  "gpt-4o-mini-2024-07-18": { input: 0.15, cached: 0.075, output: 0.6 },
  "gpt-4.1-mini-2025-04-14": { input: 0.4, cached: 0.1, output: 1.6 },
  "o4-mini-2025-04-16": { input: 1.1, cached: 0.275, output: 4.4 },
};

export function listPriceUsd(bills: readonly Bill[]): number {
  let usd = 0;
  for (const b of bills) {
    const p = LIST_PRICES[b.responseModel];
    if (!p) throw new Error(`no list price for ${b.responseModel}`);
    usd += ((b.inputTokens - b.cachedTokens) * p.input + b.cachedTokens * p.cached + b.outputTokens * p.output) / 1e6;
  }
  return usd;
}

export function billedTotals(bills: readonly Bill[]) {
  const sum = (f: (b: Bill) => number) => bills.reduce((s, b) => s + f(b), 0);
  return {
    inputTokens: sum((b) => b.inputTokens),
    outputTokens: sum((b) => b.outputTokens),
    cacheReadTokens: sum((b) => b.cachedTokens),
    reasoningTokens: sum((b) => b.reasoningTokens),
  };
}

type Json = Record<string, unknown>;

function asRecord(v: unknown): Json {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}
function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Offered tool names and the names already called, from either API's request shape. */
function conversation(api: Bill["api"], body: Json): { offered: string[]; called: Set<string>; text: string } {
  const tools = asArray(body.tools).map(asRecord);
  const offered = tools
    .map((t) => (api === "chat" ? asRecord(t.function).name : t.name))
    .filter((n): n is string => typeof n === "string");
  const called = new Set<string>();
  const items = api === "chat" ? asArray(body.messages) : asArray(body.input);
  for (const raw of items.map(asRecord)) {
    for (const call of asArray(raw.tool_calls).map(asRecord)) {
      const name = asRecord(call.function).name;
      if (typeof name === "string") called.add(name);
    }
    if (raw.type === "function_call" && typeof raw.name === "string") called.add(raw.name);
  }
  const text = typeof body.input === "string" ? body.input : JSON.stringify(items).slice(0, 200);
  return { offered, called, text };
}

export type FakeOpenAi = {
  url: string;
  ledger: Bill[];
  close: () => Promise<void>;
};

/**
 * Starts the server. `prefer` orders the tools agents call; tools not in it are never called
 * (so that an agent whose only tools are handoffs back answers in text).
 */
export async function startFakeOpenAi(options: {
  prefer: string[];
  reasoning?: boolean;
  caching?: boolean;
}): Promise<FakeOpenAi> {
  const ledger: Bill[] = [];
  let seq = 0;

  function bill(api: Bill["api"], body: Json, stream: boolean): { bill: Bill; tool?: string; n: number } {
    const n = ++seq;
    const requestModel = typeof body.model === "string" ? body.model : "gpt-4o-mini";
    const { offered, called } = conversation(api, body);
    const tool = options.prefer.find((t) => offered.includes(t) && !called.has(t));
    // Distinct numbers per call, so a call counted twice or lost shows in the totals.
    const inputTokens = 1000 + 37 * n;
    const cachedTokens = options.caching === false ? 0 : n % 2 === 0 ? 512 : 256;
    const reasoningTokens = options.reasoning === false ? 0 : 8 * n;
    const outputTokens = 20 + 3 * n + reasoningTokens;
    const entry: Bill = {
      api,
      stream,
      requestModel,
      responseModel: SNAPSHOTS[requestModel] ?? requestModel,
      inputTokens,
      cachedTokens,
      outputTokens,
      reasoningTokens,
      answer: tool ?? "text",
      offered,
    };
    ledger.push(entry);
    return { bill: entry, tool, n };
  }

  const argsFor = (tool: string) =>
    JSON.stringify(tool.startsWith("transfer_to_") ? {} : { query: `question for ${tool}` });

  function chat(body: Json, res: http.ServerResponse): void {
    const stream = body.stream === true;
    const { bill: b, tool, n } = bill("chat", body, stream);
    const id = `chatcmpl-${n}`;
    const created = Math.floor(Date.now() / 1000);
    const usage = {
      prompt_tokens: b.inputTokens,
      completion_tokens: b.outputTokens,
      total_tokens: b.inputTokens + b.outputTokens,
      prompt_tokens_details: { cached_tokens: b.cachedTokens, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: b.reasoningTokens, audio_tokens: 0 },
    };
    const toolCall = tool
      ? { id: `call_${n}`, type: "function", function: { name: tool, arguments: argsFor(tool) } }
      : undefined;
    const text = tool ? null : `answer ${n}`;
    const finish = tool ? "tool_calls" : "stop";
    if (!stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: b.responseModel,
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content: text,
                refusal: null,
                ...(toolCall ? { tool_calls: [toolCall] } : {}),
              },
              finish_reason: finish,
              logprobs: null,
            },
          ],
          usage,
          system_fingerprint: "fp_fake",
        }),
      );
      return;
    }
    const chunk = (delta: Json, finishReason: string | null, extra: Json = {}) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: b.responseModel, system_fingerprint: "fp_fake", choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...extra })}\n\n`;
    const includeUsage = asRecord(body.stream_options).include_usage === true;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(chunk({ role: "assistant", content: tool ? null : "" }, null));
    if (toolCall) {
      res.write(
        chunk(
          { tool_calls: [{ index: 0, id: toolCall.id, type: "function", function: { name: tool, arguments: "" } }] },
          null,
        ),
      );
      res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] }, null));
    } else {
      res.write(chunk({ content: "answer " }, null));
      res.write(chunk({ content: String(n) }, null));
    }
    res.write(chunk({}, finish));
    if (includeUsage) {
      res.write(
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: b.responseModel, choices: [], usage })}\n\n`,
      );
    }
    res.end("data: [DONE]\n\n");
  }

  function responses(body: Json, res: http.ServerResponse): void {
    const stream = body.stream === true;
    const { bill: b, tool, n } = bill("responses", body, stream);
    const id = `resp_${n}`;
    const item = tool
      ? {
          type: "function_call",
          id: `fc_${n}`,
          call_id: `call_${n}`,
          name: tool,
          arguments: argsFor(tool),
          status: "completed",
        }
      : {
          type: "message",
          id: `msg_${n}`,
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text: `answer ${n}`, annotations: [], logprobs: [] }],
        };
    const response = {
      id,
      object: "response",
      created_at: Math.floor(Date.now() / 1000),
      status: "completed",
      error: null,
      incomplete_details: null,
      instructions: body.instructions ?? null,
      model: b.responseModel,
      output: [item],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: false,
      temperature: 1,
      text: { format: { type: "text" } },
      tool_choice: "auto",
      tools: body.tools ?? [],
      top_p: 1,
      truncation: "disabled",
      usage: {
        input_tokens: b.inputTokens,
        input_tokens_details: { cached_tokens: b.cachedTokens },
        output_tokens: b.outputTokens,
        output_tokens_details: { reasoning_tokens: b.reasoningTokens },
        total_tokens: b.inputTokens + b.outputTokens,
      },
      metadata: {},
    };
    if (!stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(response));
      return;
    }
    let sequence = 0;
    const event = (type: string, data: Json) =>
      `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
    const inProgress = { ...response, status: "in_progress", output: [], usage: null };
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(event("response.created", { response: inProgress }));
    res.write(event("response.in_progress", { response: inProgress }));
    if (tool) {
      res.write(
        event("response.output_item.added", {
          output_index: 0,
          item: { ...item, arguments: "", status: "in_progress" },
        }),
      );
      res.write(
        event("response.function_call_arguments.delta", {
          output_index: 0,
          item_id: item.id,
          delta: (item as { arguments: string }).arguments,
        }),
      );
      res.write(
        event("response.function_call_arguments.done", {
          output_index: 0,
          item_id: item.id,
          arguments: (item as { arguments: string }).arguments,
        }),
      );
    } else {
      const text = `answer ${n}`;
      res.write(
        event("response.output_item.added", { output_index: 0, item: { ...item, status: "in_progress", content: [] } }),
      );
      res.write(
        event("response.content_part.added", {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [] },
        }),
      );
      res.write(
        event("response.output_text.delta", {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          delta: text,
          logprobs: [],
        }),
      );
      res.write(
        event("response.output_text.done", { output_index: 0, item_id: item.id, content_index: 0, text, logprobs: [] }),
      );
      res.write(
        event("response.content_part.done", {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          part: { type: "output_text", text, annotations: [] },
        }),
      );
    }
    res.write(event("response.output_item.done", { output_index: 0, item }));
    res.end(event("response.completed", { response }));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: Json = {};
      try {
        body = asRecord(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "bad json", type: "invalid_request_error" } }));
        return;
      }
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (req.method === "POST" && path.endsWith("/chat/completions")) return chat(body, res);
      if (req.method === "POST" && path.endsWith("/responses")) return responses(body, res);
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    ledger,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
