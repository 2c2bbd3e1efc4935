import type { Metadata } from "next";
import Link from "next/link";
import { PriceFields } from "@/components/settings/price-fields";
import { UsdRate } from "@/components/settings/usd-rate";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatUtcDateTime } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
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
      <p className="max-w-3xl text-sm text-fg-muted">
        USD per 1M tokens. A call is billed at the entry in force when it started, so a new effective-from date for an
        existing model is a price change: earlier calls keep the old price. Costs are stored per call at ingest; adding,
        editing or deleting an entry recomputes the stored cost (and the usage totals) of the calls it affects. Costs
        reported by the agents themselves are never changed.
      </p>
      {admin && (
        <Card title="Add a price entry" description="A new model, or a new effective-from date for an existing one.">
          <ActionForm
            action={createPriceAction}
            submit="Add price"
            label="Add a price entry"
            resetOnSuccess
            className="space-y-3 p-4"
          >
            <PriceFields idPrefix="new-price" />
          </ActionForm>
        </Card>
      )}
      <Card title="Price entries" description={`${groups.length} models. The entry in force now is marked.`}>
        <Table
          caption="Price entries"
          empty={
            <EmptyState title="No prices yet.">
              <p>
                Without prices, calls that report no cost have an unknown cost. The server adds the default list prices
                when it starts with an empty price table.
              </p>
            </EmptyState>
          }
          columns={[
            { key: "effective", header: "Effective from", sortable: true, className: "whitespace-nowrap tabular-nums" },
            { key: "pattern", header: "Match pattern", className: "font-mono text-xs break-all" },
            { key: "input", header: "Input", sortable: true, align: "right" },
            { key: "output", header: "Output", sortable: true, align: "right" },
            { key: "cacheRead", header: "Cache read", sortable: true, align: "right" },
            { key: "cacheWrite", header: "Cache write", sortable: true, align: "right" },
            { key: "reasoning", header: "Reasoning", sortable: true, align: "right" },
            { key: "state", header: "State", sortable: true },
            ...(admin
              ? [{ key: "actions", header: <span className="sr-only">Actions</span>, align: "right" as const }]
              : []),
          ]}
          groups={groups.map((g) => ({
            key: g.model,
            testId: "price-group",
            header: (
              <>
                {g.model}
                {g.entries[0]?.provider && (
                  <span className="font-normal text-fg-muted"> · {g.entries[0].provider}</span>
                )}
              </>
            ),
            rows: g.entries.map((p) => ({
              key: p.id,
              testId: "price-entry",
              data: p.inForce ? { "in-force": "true" } : undefined,
              sort: {
                effective: p.effectiveFrom.getTime(),
                input: p.inputPerMTok,
                output: p.outputPerMTok,
                cacheRead: p.cacheReadPerMTok,
                cacheWrite: p.cacheWritePerMTok,
                reasoning: p.reasoningPerMTok,
                state: p.inForce ? 0 : p.scheduled ? 1 : 2,
              },
              cells: {
                effective: effective(p.effectiveFrom),
                pattern: p.matchPattern,
                input: <UsdRate value={p.inputPerMTok} />,
                output: <UsdRate value={p.outputPerMTok} />,
                cacheRead: <UsdRate value={p.cacheReadPerMTok} fallback="input" />,
                cacheWrite: <UsdRate value={p.cacheWritePerMTok} fallback="input" />,
                reasoning: <UsdRate value={p.reasoningPerMTok} fallback="output" />,
                state: p.inForce ? (
                  <span className="rounded-full border border-ok/40 bg-ok-soft px-2 py-0.5 text-xs font-medium whitespace-nowrap text-ok">
                    In force
                  </span>
                ) : p.scheduled ? (
                  <span className="rounded-full border border-info/40 bg-info-soft px-2 py-0.5 text-xs font-medium text-info">
                    Scheduled
                  </span>
                ) : (
                  <span className="text-xs text-fg-subtle">Superseded</span>
                ),
                actions: admin && (
                  <Link href={`/settings/prices/${p.id}`} className="text-xs font-medium text-accent hover:underline">
                    Edit
                    <span className="sr-only">
                      {" "}
                      {g.model} from {effective(p.effectiveFrom)}
                    </span>
                  </Link>
                ),
              },
            })),
          }))}
        />
      </Card>
    </div>
  );
}
