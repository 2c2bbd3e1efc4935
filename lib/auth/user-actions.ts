"use server";
// Admins manage users. Each action re-checks the admin role on the server (adminAction) and
// audits the change in its transaction; the domain rules live in user-admin.ts.
import { revalidatePath } from "next/cache";
import { adminAction, ActionError } from "@/lib/actions/role-action";
import {
  changeRoleSchema,
  changeUserRole,
  resetPasswordSchema,
  resetUserPassword,
  setDisabledSchema,
  setUserDisabled,
} from "@/lib/auth/user-admin";
import { createUser, newUserSchema, UserExistsError } from "@/lib/auth/users";

const PATH = "/settings/users";

export const createUserAction = adminAction(
  { action: "user.created", schema: newUserSchema },
  async ({ input, user, db }) => {
    try {
      const created = await createUser(db, input, { type: "user", id: user.id, name: user.email, role: user.role });
      revalidatePath(PATH);
      return { message: `Created ${created.role} ${created.email}.` };
    } catch (error) {
      if (error instanceof UserExistsError) throw new ActionError(`email: ${error.message}`, "email");
      throw error;
    }
  },
);

export const changeRoleAction = adminAction(
  { action: "user.role_changed", schema: changeRoleSchema },
  async ({ input, db, audit }) => {
    const result = await changeUserRole(db, input, audit);
    revalidatePath(PATH);
    return {
      message: result.changed ? `${result.email} is now ${result.role}.` : `${result.email} already is ${result.role}.`,
    };
  },
);

export const setDisabledAction = adminAction(
  { action: "user.disabled", schema: setDisabledSchema },
  async ({ input, user, db, audit }) => {
    const result = await setUserDisabled(db, input, audit, user.id);
    revalidatePath(PATH);
    if (!result.changed) return { message: `Nothing to change for ${result.email}.` };
    return {
      message: input.disabled
        ? `Disabled ${result.email}; ended ${result.endedSessions} session(s).`
        : `Enabled ${result.email}.`,
    };
  },
);

export const resetPasswordAction = adminAction(
  { action: "user.password_reset", schema: resetPasswordSchema },
  async ({ input, db, audit }) => {
    const result = await resetUserPassword(db, input, audit);
    revalidatePath(PATH);
    return { message: `New password set for ${result.email}; they were signed out everywhere.` };
  },
);
