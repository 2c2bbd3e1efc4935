// The authorization matrix: for every route handler (file + HTTP method) and every server
// action (file + export), what each kind of caller gets. lib/security/authz-matrix.test.ts
// discovers the routes under app/ and the "use server" modules under app/ and lib/, and runs
// every cell against a real database; a route or action missing here fails that test.
// Adding one is one row below.

export const PRINCIPALS = [
  "anonymous",
  "viewer",
  "approver",
  "admin",
  "projectKey",
  "otherProjectKey",
  "revokedKey",
] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** "ok" is any 2xx; a number is the exact status expected. */
export type RouteOutcome = "ok" | 401 | 403 | 404 | 409;

/**
 * ok: succeeded (no error in the result).
 * allowed: passed the sign-in and role checks; it may still refuse the input (for rows that
 *   send placeholder input).
 * unauthenticated: refused as not signed in ("Sign in again", or an AuthError 401 thrown).
 * denied: refused for the role, and an audit entry with outcome "denied" names the user.
 * redirect: finished by redirecting (sign-in, sign-out).
 */
export type ActionOutcome = "ok" | "allowed" | "unauthenticated" | "denied" | "redirect";

export type Outcomes<O> = Record<Principal, O>;

/** What the test database holds for a row to refer to (all in the key's own project). */
export type AuthzFixture = {
  /** external id of a session with a run, an LLM call, logs, a message, a state and an artifact */
  sessionId: string;
  sessionRowId: string;
  runRowId: string;
  callRowId: string;
  artifactRowId: string;
  logId: number;
  stateId: number;
  /** an agent profile of the project */
  profile: string;
  /** a fresh pending gate of the project on every call */
  newGate: () => Promise<{ gateId: string; rowId: string }>;
  /** a user nobody else signs in as, for the sign-in action */
  signInUser: { email: string; password: string };
};

export type RouteRequest = { params?: Record<string, string>; query?: string; body?: unknown };

export type RouteRow = {
  file: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  request?: (f: AuthzFixture) => RouteRequest | Promise<RouteRequest>;
  /** the response is a stream that never ends (read the status, then abort) */
  stream?: boolean;
  expect: Outcomes<RouteOutcome>;
};

/** An action's arguments: (previous result, form) as a form posts them, or the input alone. */
export type ActionRow = {
  file: string;
  name: string;
  /** the arguments the action is called with */
  args: (f: AuthzFixture) => unknown[] | Promise<unknown[]>;
  /** the call ends the caller's session, so each cell signs in afresh */
  consumesSession?: boolean;
  expect: Outcomes<ActionOutcome>;
};

export const KEYS_ONLY: Outcomes<RouteOutcome> = {
  anonymous: 401,
  viewer: 401,
  approver: 401,
  admin: 401,
  projectKey: "ok",
  otherProjectKey: "ok",
  revokedKey: 401,
};
/** An /api/v1 route reading or changing one resource of the key's project: other projects get 404. */
export const PROJECT_RESOURCE: Outcomes<RouteOutcome> = { ...KEYS_ONLY, otherProjectKey: 404 };
/** Routes for the signed-in UI: the session cookie counts, API keys do not. */
export const SIGNED_IN: Outcomes<RouteOutcome> = {
  anonymous: 401,
  viewer: "ok",
  approver: "ok",
  admin: "ok",
  projectKey: 401,
  otherProjectKey: 401,
  revokedKey: 401,
};
/** Signed-in routes for admins only (e.g. an audit export). */
export const ADMIN_ROUTE: Outcomes<RouteOutcome> = { ...SIGNED_IN, viewer: 403, approver: 403 };
export const PUBLIC_ROUTE: Outcomes<RouteOutcome> = {
  anonymous: "ok",
  viewer: "ok",
  approver: "ok",
  admin: "ok",
  projectKey: "ok",
  otherProjectKey: "ok",
  revokedKey: "ok",
};

// An API key is not a user: server actions see a caller with only a key as signed out.
const nobody = {
  anonymous: "unauthenticated",
  projectKey: "unauthenticated",
  otherProjectKey: "unauthenticated",
  revokedKey: "unauthenticated",
} as const;
export const VIEWER_ACTION: Outcomes<ActionOutcome> = { ...nobody, viewer: "ok", approver: "ok", admin: "ok" };
export const APPROVER_ACTION: Outcomes<ActionOutcome> = { ...nobody, viewer: "denied", approver: "ok", admin: "ok" };
export const ADMIN_ACTION: Outcomes<ActionOutcome> = { ...nobody, viewer: "denied", approver: "denied", admin: "ok" };
/** For rows sent placeholder input: only the role check is asserted. */
export const ADMIN_ONLY: Outcomes<ActionOutcome> = { ...ADMIN_ACTION, admin: "allowed" };
const PUBLIC_ACTION = (o: ActionOutcome): Outcomes<ActionOutcome> => ({
  anonymous: o,
  viewer: o,
  approver: o,
  admin: o,
  projectKey: o,
  otherProjectKey: o,
  revokedKey: o,
});

export const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

const DETAIL = "lib/sessions/detail-actions.ts";

export const ROUTES: RouteRow[] = [
  { file: "app/api/health/route.ts", method: "GET", expect: PUBLIC_ROUTE },
  { file: "app/api/v1/openapi.json/route.ts", method: "GET", expect: PUBLIC_ROUTE },
  { file: "app/api/live/route.ts", method: "GET", stream: true, expect: SIGNED_IN },
  { file: "app/(dashboard)/usage/export/route.ts", method: "GET", expect: SIGNED_IN },
  { file: "app/(dashboard)/audit/export/route.ts", method: "GET", expect: ADMIN_ROUTE },
  {
    file: "app/api/v1/ingest/route.ts",
    method: "POST",
    request: () => ({
      body: {
        events: [
          {
            id: `authz-${crypto.randomUUID()}`,
            type: "log",
            timestamp: new Date().toISOString(),
            body: { message: "matrix" },
          },
        ],
      },
    }),
    expect: KEYS_ONLY,
  },
  {
    file: "app/api/v1/otlp/v1/traces/route.ts",
    method: "POST",
    request: () => ({ body: { resourceSpans: [] } }),
    expect: KEYS_ONLY,
  },
  { file: "app/api/v1/sessions/route.ts", method: "GET", expect: KEYS_ONLY },
  {
    file: "app/api/v1/sessions/[sessionId]/route.ts",
    method: "GET",
    request: (f) => ({ params: { sessionId: f.sessionId } }),
    expect: PROJECT_RESOURCE,
  },
  {
    file: "app/api/v1/sessions/[sessionId]/events/route.ts",
    method: "GET",
    request: (f) => ({ params: { sessionId: f.sessionId } }),
    expect: PROJECT_RESOURCE,
  },
  {
    file: "app/api/v1/sessions/[sessionId]/gates/route.ts",
    method: "POST",
    request: (f) => ({ params: { sessionId: f.sessionId }, body: { title: "Matrix gate" } }),
    expect: PROJECT_RESOURCE,
  },
  {
    file: "app/api/v1/gates/[gateId]/route.ts",
    method: "GET",
    request: async (f) => ({ params: { gateId: (await f.newGate()).gateId } }),
    expect: PROJECT_RESOURCE,
  },
  {
    file: "app/api/v1/gates/[gateId]/route.ts",
    method: "DELETE",
    request: async (f) => ({ params: { gateId: (await f.newGate()).gateId } }),
    expect: PROJECT_RESOURCE,
  },
  { file: "app/api/v1/usage/route.ts", method: "GET", expect: KEYS_ONLY },
  {
    file: "app/api/v1/usage/route.ts",
    method: "GET",
    request: (f) => ({ query: `sessionId=${f.sessionId}` }),
    expect: PROJECT_RESOURCE,
  },
  { file: "app/api/v1/agents/performance/route.ts", method: "GET", expect: KEYS_ONLY },
  {
    file: "app/api/v1/budgets/[profile]/route.ts",
    method: "GET",
    request: (f) => ({ params: { profile: f.profile } }),
    expect: PROJECT_RESOURCE,
  },
  {
    file: "app/api/v1/profiles/[profile]/route.ts",
    method: "GET",
    request: (f) => ({ params: { profile: f.profile } }),
    expect: PROJECT_RESOURCE,
  },
];

export const ACTIONS: ActionRow[] = [
  {
    file: "lib/auth/auth-actions.ts",
    name: "signInAction",
    args: (f) => [null, form({ email: f.signInUser.email, password: f.signInUser.password, next: "/" })],
    expect: PUBLIC_ACTION("redirect"),
  },
  // users exist, so first-run setup refuses everyone (the test checks no user was created)
  {
    file: "lib/auth/auth-actions.ts",
    name: "setupAction",
    args: () => [null, form({ name: "Mallory", email: "mallory@example.com", password: "mallory password" })],
    expect: PUBLIC_ACTION("allowed"),
  },
  {
    file: "lib/auth/auth-actions.ts",
    name: "signOutAction",
    args: () => [],
    consumesSession: true,
    expect: PUBLIC_ACTION("redirect"),
  },
  {
    file: "lib/gates/gate-actions.ts",
    name: "decideAction",
    args: async (f) => [null, form({ gateId: (await f.newGate()).rowId, action: "approve", comment: "matrix" })],
    expect: APPROVER_ACTION,
  },
  {
    file: DETAIL,
    name: "fetchRunDetail",
    args: (f) => [{ sessionId: f.sessionRowId, runId: f.runRowId }],
    expect: VIEWER_ACTION,
  },
  {
    file: "lib/timeline/timeline-actions.ts",
    name: "fetchTimelineWindow",
    args: (f) => [{ sessionId: f.sessionRowId, from: 0, to: 253_402_300_799_999 }],
    expect: VIEWER_ACTION,
  },
  {
    file: DETAIL,
    name: "fetchCallContent",
    args: (f) => [{ sessionId: f.sessionRowId, callId: f.callRowId }],
    expect: VIEWER_ACTION,
  },
  {
    file: DETAIL,
    name: "fetchLogPage",
    args: (f) => [{ sessionId: f.sessionRowId, filters: {} }],
    expect: VIEWER_ACTION,
  },
  {
    file: DETAIL,
    name: "fetchNewLogLines",
    args: (f) => [{ sessionId: f.sessionRowId, filters: {}, afterId: 0 }],
    expect: VIEWER_ACTION,
  },
  {
    file: DETAIL,
    name: "fetchLogLine",
    args: (f) => [{ sessionId: f.sessionRowId, id: f.logId }],
    expect: VIEWER_ACTION,
  },
  {
    file: DETAIL,
    name: "fetchMessageWindow",
    args: (f) => [{ sessionId: f.sessionRowId, seek: { to: "end" } }],
    expect: VIEWER_ACTION,
  },
  { file: DETAIL, name: "fetchStates", args: (f) => [{ sessionId: f.sessionRowId }], expect: VIEWER_ACTION },
  {
    file: DETAIL,
    name: "fetchStateData",
    args: (f) => [{ sessionId: f.sessionRowId, ids: [f.stateId] }],
    expect: VIEWER_ACTION,
  },
  { file: DETAIL, name: "fetchDecisions", args: (f) => [{ sessionId: f.sessionRowId }], expect: VIEWER_ACTION },
  { file: DETAIL, name: "fetchArtifacts", args: (f) => [{ sessionId: f.sessionRowId }], expect: VIEWER_ACTION },
  {
    file: DETAIL,
    name: "fetchArtifactBody",
    args: (f) => [{ sessionId: f.sessionRowId, artifactId: f.artifactRowId }],
    expect: VIEWER_ACTION,
  },
  // settings: admins only; placeholder input is refused by validation after the role check
  { file: "lib/auth/user-actions.ts", name: "createUserAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/auth/user-actions.ts", name: "changeRoleAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/auth/user-actions.ts", name: "setDisabledAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/auth/user-actions.ts", name: "resetPasswordAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/auth/api-key-actions.ts", name: "createApiKeyAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/auth/api-key-actions.ts", name: "revokeApiKeyAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  {
    file: "lib/projects/project-actions.ts",
    name: "createProjectAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/projects/project-actions.ts",
    name: "renameProjectAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/projects/project-actions.ts",
    name: "setWebhookAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  { file: "lib/usage/price-actions.ts", name: "createPriceAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/usage/price-actions.ts", name: "updatePriceAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  { file: "lib/usage/price-actions.ts", name: "deletePriceAction", args: () => [null, form({})], expect: ADMIN_ONLY },
  {
    file: "lib/profiles/profile-actions.ts",
    name: "createProfileAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/profiles/profile-actions.ts",
    name: "updateProfileAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/profiles/profile-actions.ts",
    name: "deleteProfileAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/profiles/profile-actions.ts",
    name: "addPromptVersionAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/profiles/profile-actions.ts",
    name: "activatePromptVersionAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/importers/source-actions.ts",
    name: "registerSourceAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/importers/source-actions.ts",
    name: "updateSourceAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/importers/source-actions.ts",
    name: "removeSourceAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
  {
    file: "lib/importers/source-actions.ts",
    name: "syncSourceAction",
    args: () => [null, form({})],
    expect: ADMIN_ONLY,
  },
];
