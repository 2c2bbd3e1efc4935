import "server-only";
// Creating and revoking API keys as an audited change: the key row and its audit entry
// commit together. The audit entry names the key (id, name, prefix, project), never the key
// itself nor its hash.
import { z } from "zod";
import { ActionError } from "@/lib/actions/action-result";
import type { AuditFn } from "@/lib/audit/audit-as";
import type { Db } from "@/lib/db/client";
import { createApiKey, revokeApiKey } from "./api-keys";

export const createKeySchema = z.object({
  projectId: z.string().trim().min(1, "choose a project").max(100),
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
});
export const revokeKeySchema = z.object({ keyId: z.string().trim().min(1, "choose a key").max(100) });

export async function createProjectApiKey(
  db: Db,
  input: z.input<typeof createKeySchema>,
  audit: AuditFn,
  createdById?: string,
): Promise<{ id: string; key: string; prefix: string; projectSlug: string }> {
  const { projectId, name } = createKeySchema.parse(input);
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId }, select: { slug: true } });
    if (!project) throw new ActionError("There is no such project.", "projectId");
    const created = await createApiKey(tx, { projectId, name, createdById });
    await audit(tx, {
      action: "apikey.created",
      outcome: "success",
      target: { type: "api_key", id: created.id },
      projectId,
      details: { name, prefix: created.prefix, project: project.slug },
    });
    return { ...created, projectSlug: project.slug };
  });
}

/** Revokes a key; revoking a revoked key changes nothing and writes no entry. */
export async function revokeProjectApiKey(
  db: Db,
  input: z.input<typeof revokeKeySchema>,
  audit: AuditFn,
): Promise<{ name: string; prefix: string; alreadyRevoked: boolean }> {
  const { keyId } = revokeKeySchema.parse(input);
  return db.$transaction(async (tx) => {
    const revoked = await revokeApiKey(tx, keyId);
    if (!revoked) throw new ActionError("There is no such API key.", "keyId");
    if (!revoked.alreadyRevoked) {
      await audit(tx, {
        action: "apikey.revoked",
        outcome: "success",
        target: { type: "api_key", id: revoked.id },
        projectId: revoked.projectId,
        details: { name: revoked.name, prefix: revoked.prefix },
        before: { revokedAt: null },
        after: { revokedAt: revoked.revokedAt.toISOString() },
      });
    }
    return { name: revoked.name, prefix: revoked.prefix, alreadyRevoked: revoked.alreadyRevoked };
  });
}
