import "server-only";
// The one way to build a server action, in the style of next-safe-action clients: one helper
// per auth level (publicAction, viewerAction, approverAction, adminAction). Each checks the
// role stored for the signed-in user on the server, audits refusals, validates the input with
// a zod schema, and hands the action an `audit` that writes in the caller's transaction.
// Every action answers ActionResult<D>, whether a form posts to it or a component calls it.
import { headers } from "next/headers";
import type { z } from "zod";
import { appendAudit, type AuditInput } from "@/lib/audit/append-audit";
import { AuthError, requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { requestMeta, type RequestMeta } from "@/lib/auth/sign-in";
import type { Role } from "@/lib/auth/users";
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { firstIssue } from "@/lib/validation/zod-issues";
import { ActionError, type ActionFailure, type ActionResult } from "./action-result";

export { ActionError, type ActionResult };

type AuditTx = Parameters<typeof appendAudit>[0];
export type ActionAudit = (tx: AuditTx, entry: Omit<AuditInput, "actor" | "ip" | "userAgent">) => Promise<number>;

/** Where the call came from, as the audit trail records it. */
export type ActionRequest = { ip?: string; userAgent?: string };

export type ActionContext<I> = { input: I; user: CurrentUser; db: Db; audit: ActionAudit; request: ActionRequest };
export type PublicActionContext<I> = { input: I; db: Db; request: RequestMeta };

/**
 * A built action. A form posts (previous, FormData) through useActionState, `<form action>`
 * posts (FormData), and client code calls it with its input; each gets an ActionResult.
 */
export type SafeAction<I, D> = {
  (input?: I | FormData): Promise<ActionResult<D>>;
  (previous: ActionResult<D> | null, input: I | FormData): Promise<ActionResult<D>>;
};

/** Who may call a built action. */
export type ActionLevel = Role | "public";

// Symbol.for: the authz matrix test reads the mark from another module instance.
const LEVEL = Symbol.for("observatory.action-level");

/** The level a function was built with by this helper, or undefined for anything else. */
export function actionLevel(fn: unknown): ActionLevel | undefined {
  return typeof fn === "function"
    ? ((fn as unknown as Record<symbol, ActionLevel | undefined>)[LEVEL] ?? undefined)
    : undefined;
}

function formToObject(form: unknown): unknown {
  if (form === undefined) return {};
  if (!(form instanceof FormData)) return form;
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    const existing = out[key];
    out[key] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...(existing as unknown[]), value]
          : [existing, value];
  }
  return out;
}

export function issueMessage(error: z.ZodError): { error: string; field?: string } {
  if (error.issues.length === 0) return { error: "The input is not valid." };
  const issue = firstIssue(error);
  return { error: issue.text, field: issue.field };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

type Gate<C> = (meta: RequestMeta) => Promise<{ ok: true; context: C } | { ok: false; error: ActionFailure }>;

/** Checks the caller with `gate`, validates with `schema`, runs, and maps refusals to results. */
function build<S extends z.ZodType, C, D>(
  level: ActionLevel,
  schema: S,
  gate: Gate<C>,
  run: (ctx: C & { input: z.output<S> }) => Promise<D>,
): SafeAction<z.input<S>, D> {
  const action = async (...args: unknown[]): Promise<ActionResult<D>> => {
    const at = Date.now();
    const refuse = (error: ActionFailure): ActionResult<D> => ({ ok: false, error, at });
    const checked = await gate(requestMeta(await headers()));
    if (!checked.ok) return refuse(checked.error);
    const parsed = schema.safeParse(formToObject(args.length >= 2 ? args[1] : args[0]));
    if (!parsed.success) {
      const { error, field } = issueMessage(parsed.error);
      return refuse({ message: error, field });
    }
    try {
      return { ok: true, data: await run({ ...checked.context, input: parsed.data as z.output<S> }), at };
    } catch (error) {
      if (error instanceof ActionError) return refuse({ message: error.message, field: error.field });
      if (isUniqueViolation(error)) return refuse({ message: "That already exists: choose another name." });
      throw error;
    }
  };
  Object.defineProperty(action, LEVEL, { value: level });
  return action as SafeAction<z.input<S>, D>;
}

type RoleOptions<S extends z.ZodType> = {
  /** the audit action written when someone without the role tries, e.g. "price.updated" */
  action: string;
  schema: S;
};

function roleAction<S extends z.ZodType, D>(
  role: Role,
  options: RoleOptions<S>,
  run: (ctx: ActionContext<z.output<S>>) => Promise<D>,
): SafeAction<z.input<S>, D> {
  const gate: Gate<Omit<ActionContext<never>, "input">> = async (meta) => {
    const request: ActionRequest = { ip: meta.ip ?? undefined, userAgent: meta.userAgent ?? undefined };
    try {
      const user = await requireUser(role, meta.headers);
      const audit: ActionAudit = (tx, entry) =>
        appendAudit(tx, {
          ...entry,
          actor: { type: "user", id: user.id, name: user.email, role: user.role },
          ...request,
        });
      return { ok: true, context: { user, db: db(), audit, request } };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (error.status === 401) return { ok: false, error: { message: "Sign in again to do this." } };
      const who = await requireUser("viewer", meta.headers);
      await db().$transaction((tx) =>
        appendAudit(tx, {
          actor: { type: "user", id: who.id, name: who.email, role: who.role },
          action: options.action,
          outcome: "denied",
          ...request,
          details: { reason: `needs the ${role} role` },
        }),
      );
      return { ok: false, error: { message: `Only ${role}s may do this; you are signed in as ${who.role}.` } };
    }
  };
  return build(role, options.schema, gate, run);
}

type RoleActionBuilder = <S extends z.ZodType, D>(
  options: RoleOptions<S>,
  run: (ctx: ActionContext<z.output<S>>) => Promise<D>,
) => SafeAction<z.input<S>, D>;

export const viewerAction: RoleActionBuilder = (options, run) => roleAction("viewer", options, run);
export const approverAction: RoleActionBuilder = (options, run) => roleAction("approver", options, run);
export const adminAction: RoleActionBuilder = (options, run) => roleAction("admin", options, run);

/** For the signed-out doors (sign-in, first-run setup, sign-out): no role, same input and result rules. */
export function publicAction<S extends z.ZodType, D>(
  options: { schema: S },
  run: (ctx: PublicActionContext<z.output<S>>) => Promise<D>,
): SafeAction<z.input<S>, D> {
  return build("public", options.schema, async (meta) => ({ ok: true, context: { db: db(), request: meta } }), run);
}

export type TransactionClient = Prisma.TransactionClient;
