import type { Metadata } from "next";
import Link from "next/link";
import { PriceFields } from "@/components/settings/price-fields";
import { UsdRate } from "@/components/settings/usd-rate";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { groupPrices } from "@/lib/usage/price-groups";
import { listPriceEntries } from "@/lib/usage/price-settings";
import { createPriceAction } from "@/lib/usage/price-actions";

export const metadata: Metadata = { title: "Model prices" };
export const dynamic = "force-dynamic";

function effective(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : formatUtcDateTime(d);
}

export default async function PricesPage() {
  const user = await requirePageUser();
  const admin = user.role === "admin";
  const now = new Date();
  const groups = groupPrices(await listPriceEntries(db()), now);
  return (
    <div className="space-y-5">
      <p className="text-fg-muted max-w-3xl text-sm">
        USD per 1M tokens. A call is billed at the entry in force when it started, so a new effective-from date for an existing model is a price change:
        earlier calls keep the old price. Costs are stored per call at ingest; adding, editing or deleting an entry recomputes the stored cost (and the
        usage totals) of the calls it affects. Costs reported by the agents themselves are never changed.
      </p>
      {admin && (
        <Card title="Add a price entry" description="A new model, or a new effective-from date for an existing one.">
          <ActionForm action={createPriceAction} submit="Add price" label="Add a price entry" resetOnSuccess className="space-y-3 p-4">
            <PriceFields idPrefix="new-price" />
          </ActionForm>
        </Card>
      )}
      <Card title="Price entries" description={`${groups.length} models. The entry in force now is marked.`}>
        {groups.length === 0 ? (
          <EmptyState title="No prices yet.">
            <p>Without prices, calls that report no cost have an unknown cost. The server adds the default list prices when it starts with an empty price table.</p>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-label="Price entries">
              <thead className="text-fg-muted text-left text-xs">
                <tr className="border-line border-b">
                  <th scope="col" className="px-4 py-2 font-medium">Effective from</th>
                  <th scope="col" className="px-3 py-2 font-medium">Match pattern</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Input</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Output</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Cache read</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Cache write</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Reasoning</th>
                  <th scope="col" className="px-3 py-2 font-medium">State</th>
                  {admin && (
                    <th scope="col" className="px-4 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              {groups.map((g) => (
                <tbody key={g.model} className="border-line border-b" data-testid="price-group">
                  <tr>
                    <th scope="rowgroup" colSpan={admin ? 9 : 8} className="text-fg bg-surface-2 px-4 py-1.5 text-left text-xs font-semibold">
                      {g.model}
                      {g.entries[0]?.provider && <span className="text-fg-muted font-normal"> · {g.entries[0].provider}</span>}
                    </th>
                  </tr>
                  {g.entries.map((p) => (
                    <tr key={p.id} data-testid="price-entry" data-in-force={p.inForce || undefined}>
                      <td className="px-4 py-1.5 whitespace-nowrap tabular-nums">{effective(p.effectiveFrom)}</td>
                      <td className="px-3 py-1.5 font-mono text-xs break-all">{p.matchPattern}</td>
                      <td className="px-3 py-1.5 text-right"><UsdRate value={p.inputPerMTok} /></td>
                      <td className="px-3 py-1.5 text-right"><UsdRate value={p.outputPerMTok} /></td>
                      <td className="px-3 py-1.5 text-right"><UsdRate value={p.cacheReadPerMTok} fallback="input" /></td>
                      <td className="px-3 py-1.5 text-right"><UsdRate value={p.cacheWritePerMTok} fallback="input" /></td>
                      <td className="px-3 py-1.5 text-right"><UsdRate value={p.reasoningPerMTok} fallback="output" /></td>
                      <td className="px-3 py-1.5">
                        {p.inForce ? (
                          <span className="border-ok/40 bg-ok-soft text-ok rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap">In force</span>
                        ) : p.scheduled ? (
                          <span className="border-info/40 bg-info-soft text-info rounded-full border px-2 py-0.5 text-xs font-medium">Scheduled</span>
                        ) : (
                          <span className="text-fg-subtle text-xs">Superseded</span>
                        )}
                      </td>
                      {admin && (
                        <td className="px-4 py-1.5 text-right">
                          <Link href={`/settings/prices/${p.id}`} className="text-accent text-xs font-medium hover:underline">
                            Edit<span className="sr-only"> {g.model} from {effective(p.effectiveFrom)}</span>
                          </Link>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
