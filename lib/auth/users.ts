import "server-only";
// Users and their passwords. Accounts are created by the first-run setup, by admins and by
// the CLI (sign-up is closed); the password is stored as better-auth's credential account.
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { appendAudit, type AuditActor } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";

export const ROLES = ["viewer", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("must be an email address").max(320),
  name: z.string().trim().min(1, "must not be empty").max(200),
  role: z.enum(ROLES),
  password: z.string().min(8, "must be at least 8 characters").max(256),
});
export type NewUser = z.input<typeof newUserSchema>;

export class UserExistsError extends Error {}

export async function createUser(
  db: Db,
  input: NewUser,
  actor: AuditActor,
): Promise<{ id: string; email: string; role: Role }> {
  const user = newUserSchema.parse(input);
  const hash = await hashPassword(user.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: user.email }, select: { id: true } })) {
      throw new UserExistsError(`a user with email ${user.email} already exists`);
    }
    const created = await tx.user.create({
      data: { email: user.email, name: user.name, role: user.role, emailVerified: false },
    });
    await tx.authAccount.create({
      data: { userId: created.id, accountId: created.id, providerId: "credential", password: hash },
    });
    // never the password: only who was created, with which role
    await appendAudit(tx, {
      actor,
      action: "user.created",
      outcome: "success",
      target: { type: "user", id: created.id },
      details: { email: user.email, role: user.role },
    });
    return { id: created.id, email: created.email, role: user.role };
  });
}

export async function userCount(db: Db): Promise<number> {
  return db.user.count();
}
