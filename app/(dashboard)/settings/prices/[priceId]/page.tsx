import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PriceFields } from "@/components/settings/price-fields";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { readPriceEntry } from "@/lib/usage/price-settings";
import { deletePriceAction, updatePriceAction } from "@/lib/usage/price-actions";

export const metadata: Metadata = { title: "Edit price entry" };
export const dynamic = "force-dynamic";

// Editing is for admins; everyone else reads the table on /settings/prices.
export default async function EditPricePage({ params }: { params: Promise<{ priceId: string }> }) {
  await requirePageUser("admin");
  const { priceId } = await params;
  const price = await readPriceEntry(db(), priceId);
  if (!price) notFound();
  return (
    <div className="space-y-5">
      <TextLink href="/settings/prices">← All prices</TextLink>
      <Card
        title={`Edit ${price.model}`}
        description="Saving recomputes the stored cost of the calls in the old and the new window of this entry."
      >
        <ActionForm action={updatePriceAction} submit="Save price" label="Edit price entry" className="space-y-3 p-4">
          <input type="hidden" name="id" value={price.id} />
          <PriceFields idPrefix="edit-price" values={price} />
        </ActionForm>
      </Card>
      <Card
        title="Delete this entry"
        description="Calls it priced fall back to the entry in force before it, or to an unknown cost if there is none."
      >
        <ActionForm
          action={deletePriceAction}
          submit="Delete price entry"
          variant="danger"
          label="Delete price entry"
          confirm={`Delete the ${price.model} price entry?`}
          className="p-4"
        >
          <input type="hidden" name="id" value={price.id} />
        </ActionForm>
      </Card>
    </div>
  );
}
