import "server-only";
import { ZodError } from "zod";
// Sign-in and first-run setup for the server actions. Sign-in goes through better-auth's
// HTTP handler, not auth.api, so that its rate limiter (database storage, see
// sign-in-throttle.ts) throttles it; failed and throttled attempts are audited (never with
// the password).
import { clientIp } from "@/lib/api/request-info";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db/client";
import { firstIssue } from "@/lib/validation/zod-issues";
import { getAuth } from "./auth";
import { SIGN_IN_PATH, THROTTLE_CLIENT_HEADER, throttleClient, throttleKey } from "./sign-in-throttle";
import { createUser, UserExistsError, userCount } from "./users";

export type RequestMeta = { ip: string | null; userAgent: string | null; headers: Headers };
/** On success, the Set-Cookie header of the new session, for the caller to send on. */
export type SignInResult = { ok: true; setCookie: string | null } | { ok: false; error: string };

type Tx = Parameters<typeof appendAudit>[0];

function auditFailure(
  tx: Tx,
  email: string,
  meta: RequestMeta,
  reason: string,
  user?: { id: string; role: string },
): Promise<number> {
  return appendAudit(tx, {
    actor: { type: "user", id: user?.id, name: email, role: user?.role },
    action: "user.login_failed",
    outcome: "denied",
    ip: meta.ip ?? undefined,
    userAgent: meta.userAgent ?? undefined,
    details: { reason },
  });
}

/** Better-auth's email sign-in, as a request to its handler from the client the limiter counts. */
async function postSignIn(email: string, password: string, meta: RequestMeta): Promise<Response> {
  const auth = await getAuth();
  // without a configured URL better-auth takes its base from this request; only the path matters
  const base = (await auth.$context).baseURL || "http://localhost/api/auth";
  const headers = new Headers({
    "content-type": "application/json",
    [THROTTLE_CLIENT_HEADER]: throttleClient(meta.ip, email),
  });
  if (meta.userAgent) headers.set("user-agent", meta.userAgent);
  return auth.handler(
    new Request(`${base}${SIGN_IN_PATH}`, { method: "POST", headers, body: JSON.stringify({ email, password }) }),
  );
}

export async function signIn(email: string, password: string, meta: RequestMeta): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase();
  const response = await postSignIn(normalized, password, meta);
  if (response.status === 429) {
    await db().$transaction((tx) => auditFailure(tx, normalized, meta, "throttled"));
    const minutes = Math.max(1, Math.ceil(Number(response.headers.get("x-retry-after") ?? 0) / 60));
    return { ok: false, error: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  if (!response.ok) {
    await db().$transaction((tx) => auditFailure(tx, normalized, meta, "bad credentials"));
    return { ok: false, error: "Wrong email or password." };
  }
  // the password was right: the count of failed attempts starts again
  await db().rateLimit.deleteMany({ where: { key: throttleKey(meta.ip, normalized) } });
  const user = await db().user.findUnique({
    where: { email: normalized },
    select: { id: true, name: true, role: true, disabled: true },
  });
  if (user?.disabled) {
    // a disabled account gets no session: the one just created is removed and its cookie never sent
    await db().$transaction(async (tx) => {
      await tx.authSession.deleteMany({ where: { userId: user.id } });
      await auditFailure(tx, normalized, meta, "disabled", user);
    });
    return { ok: false, error: "This account is disabled. Ask an admin to enable it." };
  }
  await db().$transaction((tx) =>
    appendAudit(tx, {
      actor: { type: "user", id: user?.id, name: user?.name, role: user?.role },
      action: "user.login",
      outcome: "success",
      ip: meta.ip ?? undefined,
      userAgent: meta.userAgent ?? undefined,
    }),
  );
  return { ok: true, setCookie: response.headers.get("set-cookie") };
}

/** Creates the first admin, only while there are no users at all. */
export async function setUpFirstAdmin(
  input: { email: string; name: string; password: string },
  meta: RequestMeta,
): Promise<SignInResult> {
  if ((await userCount(db())) > 0) return { ok: false, error: "Setup is already done: sign in instead." };
  try {
    await createUser(db(), { ...input, role: "admin" }, { type: "system", name: "first-run setup" });
  } catch (error) {
    if (error instanceof UserExistsError) return { ok: false, error: "Setup is already done: sign in instead." };
    if (error instanceof ZodError) return { ok: false, error: firstIssue(error).text };
    throw error;
  }
  return signIn(input.email, input.password, meta);
}

export function requestMeta(h: Headers): RequestMeta {
  return { ip: clientIp(h) ?? null, userAgent: h.get("user-agent"), headers: h };
}
