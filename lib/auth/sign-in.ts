import "server-only";
import { ZodError } from "zod";
// Sign-in and first-run setup for the server actions. Failed sign-ins are throttled per
// address and email, and audited (never with the password).
import { clientIp } from "@/lib/api/request-info";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db/client";
import { firstIssue } from "@/lib/validation/zod-issues";
import { getAuth } from "./auth";
import { createUser, UserExistsError, userCount } from "./users";

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;
const failures = new Map<string, number[]>();

function throttleKey(ip: string | null, email: string): string {
  return `${ip ?? "-"}|${email.toLowerCase()}`;
}

export function failuresLeft(ip: string | null, email: string, now = Date.now()): number {
  const recent = (failures.get(throttleKey(ip, email)) ?? []).filter((t) => now - t < WINDOW_MS);
  return MAX_FAILURES - recent.length;
}

function recordFailure(ip: string | null, email: string, now = Date.now()): void {
  const key = throttleKey(ip, email);
  failures.set(key, [...(failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS), now]);
}

export type RequestMeta = { ip: string | null; userAgent: string | null; headers: Headers };
export type SignInResult = { ok: true } | { ok: false; error: string };

export async function signIn(email: string, password: string, meta: RequestMeta): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase();
  if (failuresLeft(meta.ip, normalized) <= 0) {
    await db().$transaction((tx) =>
      appendAudit(tx, { actor: { type: "user", name: normalized }, action: "user.login_failed", outcome: "denied", ip: meta.ip ?? undefined, userAgent: meta.userAgent ?? undefined, details: { reason: "throttled" } }),
    );
    return { ok: false, error: "Too many failed sign-ins. Try again in 15 minutes." };
  }
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({ body: { email: normalized, password }, headers: meta.headers });
  } catch {
    recordFailure(meta.ip, normalized);
    await db().$transaction((tx) =>
      appendAudit(tx, { actor: { type: "user", name: normalized }, action: "user.login_failed", outcome: "denied", ip: meta.ip ?? undefined, userAgent: meta.userAgent ?? undefined, details: { reason: "bad credentials" } }),
    );
    return { ok: false, error: "Wrong email or password." };
  }
  const user = await db().user.findUnique({ where: { email: normalized }, select: { id: true, name: true, role: true, disabled: true } });
  if (user?.disabled) {
    // the password was right, but a disabled account gets no session (the cookie just set is void)
    await db().$transaction(async (tx) => {
      await tx.authSession.deleteMany({ where: { userId: user.id } });
      await appendAudit(tx, { actor: { type: "user", id: user.id, name: normalized, role: user.role }, action: "user.login_failed", outcome: "denied", ip: meta.ip ?? undefined, userAgent: meta.userAgent ?? undefined, details: { reason: "disabled" } });
    });
    return { ok: false, error: "This account is disabled. Ask an admin to enable it." };
  }
  await db().$transaction((tx) =>
    appendAudit(tx, { actor: { type: "user", id: user?.id, name: user?.name, role: user?.role }, action: "user.login", outcome: "success", ip: meta.ip ?? undefined, userAgent: meta.userAgent ?? undefined }),
  );
  return { ok: true };
}

/** Creates the first admin, only while there are no users at all. */
export async function setUpFirstAdmin(input: { email: string; name: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
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
