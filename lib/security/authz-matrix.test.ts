// Runs the authorization matrix (test/support/authz-matrix.ts): every route handler under app/
// and every server action ("use server" module under app/ or lib/), as every kind of caller,
// against a real database with real better-auth sessions and real API keys. Routes and
// actions are discovered from the files, so one without a row fails here, and so does an
// action not built with the helper of lib/actions/role-action.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/action-result";
import { actionLevel } from "@/lib/actions/role-action";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { getAuth } from "@/lib/auth/auth";
import { AuthError } from "@/lib/auth/current-user";
import { createUser } from "@/lib/auth/users";
import { overrideDbForTests } from "@/lib/db/client";
import { createGate } from "@/lib/gates/create-gate";
import { createGateRequestSchema } from "@/lib/gates/schemas";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import {
  ACTIONS,
  PRINCIPALS,
  ROUTES,
  type ActionOutcome,
  type ActionRow,
  type AuthzFixture,
  type Principal,
  type RouteOutcome,
  type RouteRow,
} from "@/test/support/authz-matrix";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";

// Server actions read the request from next/headers; each cell sets what the caller sends.
const request = vi.hoisted(() => ({
  headers: new Headers(),
  Redirect: class Redirect extends Error {
    constructor(readonly to: string) {
      super(`redirect to ${to}`);
    }
  },
}));
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(request.headers),
  cookies: () =>
    Promise.resolve({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new request.Redirect(to);
  },
  notFound: () => {
    throw new Error("notFound() called");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const MATRIX_FILE = "test/support/authz-matrix.ts";
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** Text only the key's own project may see: it never appears in a path or a request. */
const MARKER = "authz-marker-project-alpha-only";

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(rel) : [rel];
  });
}

const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;
const isSource = (f: string) =>
  /\.(ts|tsx|js|mjs)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith("lib/db/generated/");
const appFiles = filesUnder("app").filter(isSource);
const routeFiles = appFiles.filter((f) => /\/route\.(ts|js|mjs)$/.test(f));
const actionFiles = [...appFiles, ...filesUnder("lib").filter(isSource)].filter((f) =>
  DIRECTIVE.test(readFileSync(path.join(ROOT, f), "utf8")),
);

type Module = Record<string, unknown>;
const load = (file: string): Promise<Module> => import(/* @vite-ignore */ path.join(ROOT, file)) as Promise<Module>;

/** The URL path of a route file: route groups dropped, [param] segments filled in. */
function urlPath(file: string, params: Record<string, string> = {}): string {
  const segments = file
    .split("/")
    .slice(1, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return (
    "/" +
    segments
      .map((s) => {
        const name = /^\[(.+)\]$/.exec(s)?.[1];
        if (name === undefined) return s;
        const value = params[name];
        if (value === undefined) throw new Error(`${file}: the matrix row gives no value for [${name}]`);
        return encodeURIComponent(value);
      })
      .join("/")
  );
}

describe("the authorization matrix covers the app", () => {
  it("has a row for every route handler under app/", async () => {
    const missing: string[] = [];
    for (const file of routeFiles) {
      const methods = Object.keys(await load(file)).filter((k) => HTTP_METHODS.includes(k));
      for (const method of methods) {
        if (!ROUTES.some((r) => r.file === file && r.method === method))
          missing.push(`${method} ${urlPath(file, new Proxy({}, { get: (_, k) => `[${String(k)}]` }))} (${file})`);
      }
    }
    expect(missing, `route handlers without a row: add them to ROUTES in ${MATRIX_FILE}`).toEqual([]);
    expect(routeFiles.length).toBeGreaterThan(0);
  });

  it("has a row for every server action under app/ and lib/", async () => {
    const missing: string[] = [];
    for (const file of actionFiles) {
      const names = Object.entries(await load(file))
        .filter(([, v]) => typeof v === "function")
        .map(([k]) => k);
      for (const name of names)
        if (!ACTIONS.some((a) => a.file === file && a.name === name)) missing.push(`${name} (${file})`);
    }
    expect(missing, `server actions without a row: add them to ACTIONS in ${MATRIX_FILE}`).toEqual([]);
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  it("builds every server action with the role-checked helper (lib/actions/role-action.ts)", async () => {
    const handWritten: string[] = [];
    for (const file of actionFiles) {
      for (const [name, value] of Object.entries(await load(file)))
        if (actionLevel(value) === undefined) handWritten.push(`${name} (${file})`);
    }
    expect(
      handWritten,
      'exports of "use server" modules not built with publicAction/viewerAction/approverAction/adminAction',
    ).toEqual([]);
    expect(actionFiles.length).toBeGreaterThan(5);
  });

  it("keeps server actions beside their feature in lib/, not under app/", () => {
    expect(actionFiles.filter((f) => f.startsWith("app/"))).toEqual([]);
  });

  it("names only routes and actions that exist", async () => {
    const stale: string[] = [];
    for (const row of ROUTES) {
      if (!routeFiles.includes(row.file) || typeof (await load(row.file))[row.method] !== "function")
        stale.push(`${row.method} ${row.file}`);
    }
    for (const row of ACTIONS) {
      if (!actionFiles.includes(row.file) || typeof (await load(row.file))[row.name] !== "function")
        stale.push(`${row.name} ${row.file}`);
    }
    expect(stale, `rows in ${MATRIX_FILE} that match no route or "use server" export`).toEqual([]);
  });
});

type Caller = { principal: Principal; headers: Record<string, string>; userId?: string };
const USERS = ["viewer", "approver", "admin"] as const;
const isUser = (p: Principal): p is (typeof USERS)[number] => (USERS as readonly string[]).includes(p);

describe.each(databaseKinds())("authorization matrix on %s", (kind) => {
  let t: TestDatabase;
  let fixture: AuthzFixture;
  const keys: Partial<Record<Principal, string>> = {};
  const users: Partial<Record<Principal, { id: string; email: string; cookie: string }>> = {};
  const password = "matrix password 1";
  let cells = 0;

  async function signInCookie(email: string): Promise<string> {
    const auth = await getAuth();
    const response = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    expect(response.status, `signing in ${email}`).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(cookie).toContain("session_token=");
    return cookie;
  }

  function caller(principal: Principal, cookie?: string): Caller {
    const base = { "user-agent": "authz-matrix" };
    if (isUser(principal)) {
      const user = users[principal]!;
      return { principal, userId: user.id, headers: { ...base, cookie: cookie ?? user.cookie } };
    }
    const key = keys[principal];
    return { principal, headers: key ? { ...base, authorization: `Bearer ${key}` } : base };
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    const alpha = await ensureProject(t.db, "alpha");
    const beta = await ensureProject(t.db, "beta");
    keys.projectKey = (await createApiKey(t.db, { projectId: alpha.id, name: "alpha agent" })).key;
    keys.otherProjectKey = (await createApiKey(t.db, { projectId: beta.id, name: "beta agent" })).key;
    const revoked = await createApiKey(t.db, { projectId: alpha.id, name: "revoked agent" });
    await revokeApiKey(t.db, revoked.id);
    keys.revokedKey = revoked.key;

    for (const role of USERS) {
      const email = `${role}@matrix.example`;
      const { id } = await createUser(t.db, { email, name: `Matrix ${role}`, role, password }, { type: "system" });
      users[role] = { id, email, cookie: await signInCookie(email) };
    }
    const signInUser = { email: "returning@matrix.example", password };
    await createUser(t.db, { ...signInUser, name: "Returning", role: "viewer" }, { type: "system" });

    const sessionId = "matrix-s1";
    const at = new Date().toISOString();
    const events = [
      { type: "session", body: { sessionId, title: `Matrix ${MARKER}`, mission: MARKER, status: "running" } },
      { type: "run", body: { runId: "r1", sessionId, agentType: "dev", status: "running", input: MARKER } },
      {
        type: "llm_call",
        body: {
          callId: "c1",
          sessionId,
          runId: "r1",
          model: "matrix-model",
          inputTokens: 10,
          outputTokens: 5,
          prompt: MARKER,
          response: MARKER,
        },
      },
      { type: "log", body: { sessionId, runId: "r1", message: MARKER } },
      { type: "message", body: { messageId: "m1", sessionId, from: "pm", to: "dev", content: MARKER } },
      { type: "state", body: { sessionId, kind: "plan", data: { note: MARKER } } },
      { type: "decision", body: { sessionId, decisionType: "spawn_agent", data: { reason: MARKER } } },
      { type: "artifact", body: { artifactId: "a1", sessionId, type: "doc", name: "notes.md", content: MARKER } },
    ];
    const results = await ingestEvents(
      t.db,
      alpha.id,
      events.map((e, i) => ({ id: `matrix-${i}`, timestamp: at, ...e })),
    );
    expect(results.map((r) => r.status)).toEqual(events.map(() => 201));
    const session = await t.db.session.findFirstOrThrow({ where: { projectId: alpha.id, externalId: sessionId } });
    const profile = await t.db.agentProfile.create({
      data: { projectId: alpha.id, name: "matrix-profile", model: "matrix-model" },
    });
    let gates = 0;
    fixture = {
      sessionId,
      sessionRowId: session.id,
      runRowId: (await t.db.run.findFirstOrThrow({ where: { sessionId: session.id } })).id,
      callRowId: (await t.db.llmCall.findFirstOrThrow({ where: { sessionId: session.id } })).id,
      artifactRowId: (await t.db.artifact.findFirstOrThrow({ where: { sessionId: session.id } })).id,
      logId: (await t.db.event.findFirstOrThrow({ where: { sessionId: session.id } })).id,
      stateId: (await t.db.stateSnapshot.findFirstOrThrow({ where: { sessionId: session.id } })).id,
      profile: profile.name,
      signInUser,
      newGate: async () => {
        const gateId = `matrix-gate-${++gates}`;
        const result = await createGate(t.db, {
          projectId: alpha.id,
          sessionId,
          request: createGateRequestSchema.parse({ gateId, title: `Gate ${MARKER}` }),
          actor: { keyId: "matrix", keyName: "matrix" },
        });
        if (result.kind !== "created") throw new Error(`could not open a gate: ${result.kind}`);
        return {
          gateId,
          rowId: (await t.db.gate.findFirstOrThrow({ where: { projectId: alpha.id, externalId: gateId } })).id,
        };
      },
    };
  });

  afterAll(async () => {
    console.log(
      `[authz-matrix] ${kind}: ${cells} cells run (${ROUTES.length} route rows, ${ACTIONS.length} action rows, ${PRINCIPALS.length} principals)`,
    );
    overrideDbForTests(undefined);
    await t.drop();
  });

  async function routeOutcome(row: RouteRow, who: Caller): Promise<{ outcome: RouteOutcome | number; body: string }> {
    const spec = row.request ? await row.request(fixture) : {};
    const url = `http://observatory.test${urlPath(row.file, spec.params)}${spec.query ? `?${spec.query}` : ""}`;
    const abort = new AbortController();
    const headers = new Headers(who.headers);
    if (spec.body !== undefined) headers.set("content-type", "application/json");
    const req = new Request(url, {
      method: row.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal: abort.signal,
    });
    const handler = (await load(row.file))[row.method] as (
      r: Request,
      s: { params: Promise<Record<string, string>> },
    ) => Promise<Response>;
    const response = await handler(req, { params: Promise.resolve(spec.params ?? {}) });
    let body = "";
    if (row.stream && response.ok) {
      abort.abort();
      await response.body?.cancel();
    } else {
      body = await response.text();
    }
    const status = response.status;
    return { outcome: status >= 200 && status < 300 ? "ok" : status, body };
  }

  for (const row of ROUTES) {
    for (const principal of PRINCIPALS) {
      const expected = row.expect[principal];
      it(`${row.method} ${row.file} as ${principal} → ${expected}`, async () => {
        cells++;
        const { outcome, body } = await routeOutcome(row, caller(principal));
        expect(
          typeof outcome === "number" && outcome >= 500,
          `${row.method} ${row.file} as ${principal} answered ${outcome}: ${body.slice(0, 300)}`,
        ).toBe(false);
        expect(outcome, body.slice(0, 300)).toBe(expected);
        // only callers entitled to the project see its data, in any answer
        if (principal !== "projectKey" && !isUser(principal)) expect(body).not.toContain(MARKER);
      });
    }
  }

  async function deniedEntries(userId: string | undefined): Promise<number> {
    return userId ? t.db.auditEntry.count({ where: { outcome: "denied", actorId: userId } }) : 0;
  }

  async function actionOutcome(row: ActionRow, who: Caller): Promise<ActionOutcome | string> {
    const action = (await load(row.file))[row.name] as (...args: unknown[]) => Promise<unknown>;
    const args = await row.args(fixture);
    request.headers = new Headers(who.headers);
    const deniedBefore = await deniedEntries(who.userId);
    let result: unknown;
    try {
      result = await action(...args);
    } catch (error) {
      if (error instanceof request.Redirect) return "redirect";
      if (error instanceof AuthError)
        return error.status === 401 ? "unauthenticated" : "403 thrown without an audit entry";
      return `threw (a 500 in production): ${error instanceof Error ? error.stack : String(error)}`;
    } finally {
      request.headers = new Headers();
    }
    const answer = result as ActionResult<unknown>;
    expect(typeof answer.at, `${row.name} answered no ActionResult: ${JSON.stringify(result)}`).toBe("number");
    if (answer.ok) return "ok";
    if (/sign in again/i.test(answer.error.message)) return "unauthenticated";
    if ((await deniedEntries(who.userId)) > deniedBefore) return "denied";
    return "allowed";
  }

  for (const row of ACTIONS) {
    for (const principal of PRINCIPALS) {
      const expected = row.expect[principal];
      it(`action ${row.name} (${row.file}) as ${principal} → ${expected}`, async () => {
        cells++;
        const cookie =
          row.consumesSession && isUser(principal) ? await signInCookie(users[principal]!.email) : undefined;
        const outcome = await actionOutcome(row, caller(principal, cookie));
        if (expected === "allowed" && outcome === "ok") return;
        expect(outcome).toBe(expected);
      });
    }
  }

  it("left no trace of the refused attempts: setup created nobody, refused gates are still pending", async () => {
    expect(await t.db.user.count({ where: { email: "mallory@example.com" } })).toBe(0);
    // one gate per cell of the gate rows; only the project key cancels and only approvers and admins decide
    const byStatus = await t.db.gate.groupBy({ by: ["status"], _count: { _all: true } });
    const count = (s: string) => byStatus.find((g) => g.status === s)?._count._all ?? 0;
    expect(count("cancelled")).toBe(1);
    expect(count("approved")).toBe(2);
  });
});
