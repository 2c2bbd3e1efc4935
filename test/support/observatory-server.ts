// The dashboard's API over real HTTP on an ephemeral port, for clients that need a URL: OTLP
// exporters, the OpenAI Agents processor. OTLP goes to its route handler, the rest through
// the in-process harness.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as otlpTraces } from "@/app/api/v1/otlp/v1/traces/route";
import { dispatch } from "@/test/support/api-harness";

export const OTLP_TRACES_PATH = "/api/v1/otlp/v1/traces";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host"]);

export type ObservatoryServer = { url: string; otlpUrl: string; close: () => Promise<void> };

export async function startObservatoryServer(): Promise<ObservatoryServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name))
            headers.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
          method: req.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        const response =
          req.method === "POST" && req.url === OTLP_TRACES_PATH
            ? await otlpTraces(request, { params: Promise.resolve({}) })
            : await dispatch(request);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    otlpUrl: `${url}${OTLP_TRACES_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
