"use server";
// Model price edits: admins only (checked on the server by adminAction), audited in the
// same transaction as the change and the recomputation of the affected calls' costs.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Notice } from "@/lib/actions/action-result";
import { adminAction } from "@/lib/actions/role-action";
import { createPriceSchema, deletePriceSchema, updatePriceSchema } from "@/lib/usage/price-schemas";
import { createPriceEntry, deletePriceEntry, updatePriceEntry, type PriceChange } from "@/lib/usage/price-settings";

function recomputed({ recomputed: n }: PriceChange): string {
  return n === 0 ? "no stored call costs changed" : `${n} call cost${n === 1 ? "" : "s"} recomputed`;
}

export const createPriceAction = adminAction(
  { action: "price.created", schema: createPriceSchema },
  async ({ input, db, audit }) => {
    const change = await createPriceEntry(db, input, audit);
    revalidatePath("/settings/prices");
    return { message: `Price for ${change.price.model} added; ${recomputed(change)}.` };
  },
);

export const updatePriceAction = adminAction(
  { action: "price.updated", schema: updatePriceSchema },
  async ({ input, db, audit }) => {
    const change = await updatePriceEntry(db, input, audit);
    revalidatePath("/settings/prices");
    return { message: `Price for ${change.price.model} saved; ${recomputed(change)}.` };
  },
);

export const deletePriceAction = adminAction(
  { action: "price.deleted", schema: deletePriceSchema },
  async ({ input, db, audit }): Promise<Notice> => {
    await deletePriceEntry(db, input.id, audit);
    revalidatePath("/settings/prices");
    redirect("/settings/prices");
  },
);
