import "server-only";
// One server-action helper per auth level (viewer, approver, admin). It checks the role
// stored for the signed-in user on the server, audits refusals, validates the input with a
// zod schema, and hands the action an `audit` that writes in the caller's transaction.
import { headers } from "next/headers";
import type { z } from "zod";
import { appendAudit, type AuditInput } from "@/lib/audit/append-audit";
import { AuthError, requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { requestMeta } from "@/lib/auth/sign-in";
import type { Role } from "@/lib/auth/users";
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { ActionError, type ActionResult } from "./action-result";
import { firstIssue } from "@/lib/validation/zod-issues";

export { ActionError, type ActionResult };

type AuditTx = Parameters<typeof appendAudit>[0];
export type ActionAudit = (tx: AuditTx, entry: Omit<AuditInput, "actor" | "ip" | "userAgent">) => Promise<number>;

export type ActionContext<I> = { input: I; user: CurrentUser; db: Db; audit: ActionAudit };

type Options<S extends z.ZodType> = {
  role: Role;
  /** the audit action written when someone without the role tries, e.g. "price.updated" */
  action: string;
  schema: S;
};

function formToObject(form: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(form instanceof FormData)) return form;
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
  }
  return out;
}

export function issueMessage(error: z.ZodError): { error: string; field?: string } {
  if (error.issues.length === 0) return { error: "The input is not valid." };
  const issue = firstIssue(error);
  return { error: issue.text, field: issue.field };
}

export function roleAction<S extends z.ZodType>(options: Options<S>, run: (ctx: ActionContext<z.output<S>>) => Promise<ActionResult>) {
  return async (_previous: ActionResult, form: FormData | Record<string, unknown>): Promise<ActionResult> => {
    const at = Date.now();
    const meta = requestMeta(await headers());
    const where = { ip: meta.ip ?? undefined, userAgent: meta.userAgent ?? undefined };
    let user: CurrentUser;
    try {
      user = await requireUser(options.role, meta.headers);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (error.status === 401) return { error: "Sign in again to do this.", at };
      const who = await requireUser("viewer", meta.headers);
      await db().$transaction((tx) =>
        appendAudit(tx, {
          actor: { type: "user", id: who.id, name: who.email, role: who.role },
          action: options.action,
          outcome: "denied",
          ...where,
          details: { reason: `needs the ${options.role} role` },
        }),
      );
      return { error: `Only ${options.role}s may do this; you are signed in as ${who.role}.`, at };
    }
    const parsed = options.schema.safeParse(formToObject(form));
    if (!parsed.success) return { ...issueMessage(parsed.error), at };
    const audit: ActionAudit = (tx, entry) =>
      appendAudit(tx, { ...entry, actor: { type: "user", id: user.id, name: user.email, role: user.role }, ...where });
    try {
      return { ...(await run({ input: parsed.data as z.output<S>, user, db: db(), audit })), at };
    } catch (error) {
      if (error instanceof ActionError) return { error: error.message, field: error.field, at };
      if (isUniqueViolation(error)) return { error: "That already exists: choose another name.", at };
      throw error;
    }
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export const viewerAction = <S extends z.ZodType>(o: Omit<Options<S>, "role">, run: (ctx: ActionContext<z.output<S>>) => Promise<ActionResult>) =>
  roleAction({ ...o, role: "viewer" }, run);
export const approverAction = <S extends z.ZodType>(o: Omit<Options<S>, "role">, run: (ctx: ActionContext<z.output<S>>) => Promise<ActionResult>) =>
  roleAction({ ...o, role: "approver" }, run);
export const adminAction = <S extends z.ZodType>(o: Omit<Options<S>, "role">, run: (ctx: ActionContext<z.output<S>>) => Promise<ActionResult>) =>
  roleAction({ ...o, role: "admin" }, run);

export type TransactionClient = Prisma.TransactionClient;
