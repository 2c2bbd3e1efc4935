import "server-only";
// What admins do to other users: change a role, disable or enable an account, reset a
// password. Each change commits with its audit entry. The last active admin can be neither
// demoted nor disabled, so the dashboard always keeps someone who can manage it; the check
// runs inside the transaction after taking the audit-chain lock, which serializes these
// changes (two admins demoting each other at once cannot both succeed).
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { ActionError } from "@/lib/actions/action-result";
import type { AuditFn } from "@/lib/audit/audit-as";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { lockAuditChain } from "@/lib/db/locks";
import { newUserSchema, ROLES, type Role } from "./users";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  sessions: number;
};

export async function listUsers(db: Db): Promise<UserRow[]> {
  const rows = await db.user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      disabled: true,
      createdAt: true,
      _count: { select: { authSessions: true } },
    },
  });
  return rows.map(({ _count, ...u }) => ({ ...u, sessions: _count.authSessions }));
}

export const userIdSchema = z.string().trim().min(1, "choose a user").max(100);
export const changeRoleSchema = z.object({
  userId: userIdSchema,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
});
// accepts its own output too (the action parses the form, the function parses again)
export const setDisabledSchema = z.object({
  userId: userIdSchema,
  disabled: z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true"),
});
export const resetPasswordSchema = z.object({ userId: userIdSchema, password: newUserSchema.shape.password });

type Tx = Prisma.TransactionClient;

async function lockedUser(tx: Tx, userId: string) {
  await lockAuditChain(tx);
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user) throw new ActionError("There is no such user (it may have been removed).", "userId");
  return user;
}

/** Refuses a change that would leave no active admin. Call after the change, in its transaction. */
async function keepAnAdmin(tx: Tx, what: string): Promise<void> {
  const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
  if (admins === 0)
    throw new ActionError(`Cannot ${what}: they are the last active admin. Make another user admin first.`, "userId");
}

export async function changeUserRole(
  db: Db,
  input: z.input<typeof changeRoleSchema>,
  audit: AuditFn,
): Promise<{ changed: boolean; email: string; role: Role }> {
  const { userId, role } = changeRoleSchema.parse(input);
  return db.$transaction(async (tx) => {
    const user = await lockedUser(tx, userId);
    if (user.role === role) return { changed: false, email: user.email, role };
    await tx.user.update({ where: { id: userId }, data: { role, updatedAt: new Date() } });
    if (user.role === "admin") await keepAnAdmin(tx, `make ${user.email} ${role}`);
    await audit(tx, {
      action: "user.role_changed",
      outcome: "success",
      target: { type: "user", id: userId },
      details: { email: user.email },
      before: { role: user.role },
      after: { role },
    });
    return { changed: true, email: user.email, role };
  });
}

/**
 * Disabling also ends every session of the user (their AuthSession rows), so an open
 * browser is signed out at its next request; enabling lets them sign in again.
 */
export async function setUserDisabled(
  db: Db,
  input: z.input<typeof setDisabledSchema>,
  audit: AuditFn,
  actingUserId?: string,
): Promise<{ changed: boolean; email: string; endedSessions: number }> {
  const { userId, disabled } = setDisabledSchema.parse(input);
  if (disabled && userId === actingUserId)
    throw new ActionError("You cannot disable your own account; ask another admin.", "userId");
  return db.$transaction(async (tx) => {
    const user = await lockedUser(tx, userId);
    if (user.disabled === disabled) return { changed: false, email: user.email, endedSessions: 0 };
    await tx.user.update({ where: { id: userId }, data: { disabled, updatedAt: new Date() } });
    let endedSessions = 0;
    if (disabled) {
      if (user.role === "admin") await keepAnAdmin(tx, `disable ${user.email}`);
      endedSessions = (await tx.authSession.deleteMany({ where: { userId } })).count;
    }
    await audit(tx, {
      action: disabled ? "user.disabled" : "user.enabled",
      outcome: "success",
      target: { type: "user", id: userId },
      details: disabled ? { email: user.email, endedSessions } : { email: user.email },
      before: { disabled: user.disabled },
      after: { disabled },
    });
    return { changed: true, email: user.email, endedSessions };
  });
}

/** Sets a new password (stored hashed) and ends the user's sessions. The audit entry names only the user. */
export async function resetUserPassword(
  db: Db,
  input: z.input<typeof resetPasswordSchema>,
  audit: AuditFn,
): Promise<{ email: string; endedSessions: number }> {
  const { userId, password } = resetPasswordSchema.parse(input);
  const hash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await lockedUser(tx, userId);
    const account = await tx.authAccount.findFirst({
      where: { userId, providerId: "credential" },
      select: { id: true },
    });
    if (account)
      await tx.authAccount.update({ where: { id: account.id }, data: { password: hash, updatedAt: new Date() } });
    else await tx.authAccount.create({ data: { userId, accountId: userId, providerId: "credential", password: hash } });
    const endedSessions = (await tx.authSession.deleteMany({ where: { userId } })).count;
    await audit(tx, {
      action: "user.password_reset",
      outcome: "success",
      target: { type: "user", id: userId },
      details: { email: user.email, endedSessions },
    });
    return { email: user.email, endedSessions };
  });
}
