"use server";
// Admins create and revoke project API keys. The new key travels back once, in the action's
// result (Notice.secret); only its hash is stored and the audit entry never holds it.
import { revalidatePath } from "next/cache";
import type { Notice } from "@/lib/actions/action-result";
import { adminAction } from "@/lib/actions/role-action";
import { createKeySchema, createProjectApiKey, revokeKeySchema, revokeProjectApiKey } from "@/lib/auth/api-key-admin";

const PATH = "/settings/api-keys";

export const createApiKeyAction = adminAction(
  { action: "apikey.created", schema: createKeySchema },
  async ({ input, user, db, audit }): Promise<Notice> => {
    const created = await createProjectApiKey(db, input, audit, user.id);
    revalidatePath(PATH);
    return { message: `Created key ${created.prefix}… for ${created.projectSlug}.`, secret: created.key };
  },
);

export const revokeApiKeyAction = adminAction(
  { action: "apikey.revoked", schema: revokeKeySchema },
  async ({ input, db, audit }) => {
    const revoked = await revokeProjectApiKey(db, input, audit);
    revalidatePath(PATH);
    return {
      message: revoked.alreadyRevoked
        ? `Key ${revoked.prefix}… was already revoked.`
        : `Revoked key ${revoked.prefix}… (${revoked.name}).`,
    };
  },
);
