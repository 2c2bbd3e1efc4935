// Calls the real /api/v1 route handlers in-process, as a `fetch` the typed client can use.
import { GET as getSession } from "@/app/api/v1/sessions/[sessionId]/route";
import { GET as getEvents } from "@/app/api/v1/sessions/[sessionId]/events/route";
import { GET as listSessions } from "@/app/api/v1/sessions/route";
import { POST as ingest } from "@/app/api/v1/ingest/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { GET as performance } from "@/app/api/v1/agents/performance/route";
import { GET as budget } from "@/app/api/v1/budgets/[profile]/route";
import { GET as profile } from "@/app/api/v1/profiles/[profile]/route";
import { POST as createGate } from "@/app/api/v1/sessions/[sessionId]/gates/route";
import { DELETE as cancelGate, GET as getGate } from "@/app/api/v1/gates/[gateId]/route";

type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes: { method: string; pattern: RegExp; handler: Handler; names: string[] }[] = [
  { method: "POST", pattern: /^\/api\/v1\/ingest$/, handler: ingest as Handler, names: [] },
  { method: "GET", pattern: /^\/api\/v1\/sessions$/, handler: listSessions as Handler, names: [] },
  { method: "GET", pattern: /^\/api\/v1\/sessions\/([^/]+)$/, handler: getSession as Handler, names: ["sessionId"] },
  {
    method: "GET",
    pattern: /^\/api\/v1\/sessions\/([^/]+)\/events$/,
    handler: getEvents as Handler,
    names: ["sessionId"],
  },
  { method: "GET", pattern: /^\/api\/v1\/usage$/, handler: usage as Handler, names: [] },
  { method: "GET", pattern: /^\/api\/v1\/agents\/performance$/, handler: performance as Handler, names: [] },
  { method: "GET", pattern: /^\/api\/v1\/budgets\/([^/]+)$/, handler: budget as Handler, names: ["profile"] },
  { method: "GET", pattern: /^\/api\/v1\/profiles\/([^/]+)$/, handler: profile as Handler, names: ["profile"] },
  {
    method: "POST",
    pattern: /^\/api\/v1\/sessions\/([^/]+)\/gates$/,
    handler: createGate as Handler,
    names: ["sessionId"],
  },
  { method: "GET", pattern: /^\/api\/v1\/gates\/([^/]+)$/, handler: getGate as Handler, names: ["gateId"] },
  { method: "DELETE", pattern: /^\/api\/v1\/gates\/([^/]+)$/, handler: cancelGate as Handler, names: ["gateId"] },
];

export const BASE_URL = "http://observatory.test";

export async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (match && route.method === request.method) {
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? "")]));
      return route.handler(request, { params: Promise.resolve(params) });
    }
  }
  return new Response("no route", { status: 404 });
}

export const harnessFetch: typeof fetch = async (input, init) => dispatch(new Request(input, init));
