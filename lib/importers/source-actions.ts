"use server";
// Settings → Sources. Admins only: adminAction checks the stored role on the server and
// audits refusals; the feature functions validate, write and audit in one transaction.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/role-action";
import { registerSourceSchema, sourceIdSchema, updateSourceSchema } from "@/lib/importers/source-schemas";
import { registerSource, removeSource, requestSync, updateSource } from "@/lib/importers/source-settings";

const PAGE = "/settings/sources";

export const registerSourceAction = adminAction(
  { action: "source.created", schema: registerSourceSchema },
  async ({ input, db, audit }) => {
    const created = await registerSource(db, input, audit);
    revalidatePath(PAGE);
    return {
      message: `Registered ${input.system} source ${created.location} in ${created.project}; the first sync starts within seconds.`,
    };
  },
);

export const updateSourceAction = adminAction(
  { action: "source.updated", schema: updateSourceSchema },
  async ({ input, db, audit }) => {
    const row = await updateSource(db, input, audit);
    revalidatePath(PAGE);
    return {
      message:
        input.enabled === undefined ? `Polls every ${row.pollIntervalSec} s.` : row.enabled ? "Resumed." : "Paused.",
    };
  },
);

export const removeSourceAction = adminAction(
  { action: "source.deleted", schema: sourceIdSchema },
  async ({ input, db, audit }) => {
    await removeSource(db, input, audit);
    revalidatePath(PAGE);
    return { message: "Removed; what it imported stays." };
  },
);

export const syncSourceAction = adminAction(
  { action: "source.sync_requested", schema: sourceIdSchema },
  async ({ input, db, audit }) => {
    await requestSync(db, input, audit);
    revalidatePath(PAGE);
    return { message: "Sync requested." };
  },
);
