import "server-only";
// Admin edits of the model price table. Each change is audited with before/after in its own
// transaction, together with the recomputation of the stored costs of the calls it affects.
import type { ActionAudit } from "@/lib/actions/role-action";
import { ActionError } from "@/lib/actions/action-result";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { PriceFields, UpdatePriceInput } from "./price-schemas";
import { recomputeCallCosts } from "./recompute-costs";

type Tx = Prisma.TransactionClient;
type PriceRow = Awaited<ReturnType<Db["modelPrice"]["findFirstOrThrow"]>>;

// Recomputing a long history of calls can take a while on a big database.
const TX_OPTIONS = { timeout: 300_000, maxWait: 30_000 };

/** The audited view of an entry: the fields an admin sets, dates as ISO strings. */
export function priceSnapshot(p: PriceRow): Record<string, unknown> {
  return {
    model: p.model,
    matchPattern: p.matchPattern,
    provider: p.provider,
    inputPerMTok: p.inputPerMTok,
    outputPerMTok: p.outputPerMTok,
    cacheReadPerMTok: p.cacheReadPerMTok,
    cacheWritePerMTok: p.cacheWritePerMTok,
    reasoningPerMTok: p.reasoningPerMTok,
    effectiveFrom: p.effectiveFrom.toISOString(),
  };
}

const day = (d: Date) => d.toISOString().replace("T00:00:00.000Z", "");

async function refuseDuplicate(tx: Tx, fields: PriceFields, exceptId?: string): Promise<void> {
  const clash = await tx.modelPrice.findFirst({
    where: { model: fields.model, effectiveFrom: fields.effectiveFrom, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) {
    throw new ActionError(
      `Effective from: ${fields.model} already has a price from ${day(fields.effectiveFrom)}; edit that entry or pick another date.`,
      "effectiveFrom",
    );
  }
}

export type PriceChange = { price: PriceRow; recomputed: number };

export async function createPriceEntry(db: Db, fields: PriceFields, audit: ActionAudit): Promise<PriceChange> {
  return db.$transaction(async (tx) => {
    await refuseDuplicate(tx, fields);
    const price = await tx.modelPrice.create({ data: fields });
    const { recomputed } = await recomputeCallCosts(tx, { patterns: [price.matchPattern], from: price.effectiveFrom });
    await audit(tx, {
      action: "price.created",
      outcome: "success",
      target: { type: "model_price", id: price.id },
      after: priceSnapshot(price),
      details: { recomputedCalls: recomputed },
    });
    return { price, recomputed };
  }, TX_OPTIONS);
}

async function existing(tx: Tx, id: string): Promise<PriceRow> {
  const price = await tx.modelPrice.findUnique({ where: { id } });
  if (!price) throw new ActionError("That price entry no longer exists.", "id");
  return price;
}

export async function updatePriceEntry(db: Db, input: UpdatePriceInput, audit: ActionAudit): Promise<PriceChange> {
  const { id, ...fields } = input;
  return db.$transaction(async (tx) => {
    const before = await existing(tx, id);
    await refuseDuplicate(tx, fields, id);
    const price = await tx.modelPrice.update({ where: { id }, data: { ...fields, updatedAt: new Date() } });
    const from = before.effectiveFrom < price.effectiveFrom ? before.effectiveFrom : price.effectiveFrom;
    const { recomputed } = await recomputeCallCosts(tx, { patterns: [before.matchPattern, price.matchPattern], from });
    await audit(tx, {
      action: "price.updated",
      outcome: "success",
      target: { type: "model_price", id },
      before: priceSnapshot(before),
      after: priceSnapshot(price),
      details: { recomputedCalls: recomputed },
    });
    return { price, recomputed };
  }, TX_OPTIONS);
}

export async function deletePriceEntry(db: Db, id: string, audit: ActionAudit): Promise<PriceChange> {
  return db.$transaction(async (tx) => {
    const price = await existing(tx, id);
    await tx.modelPrice.delete({ where: { id } });
    const { recomputed } = await recomputeCallCosts(tx, { patterns: [price.matchPattern], from: price.effectiveFrom });
    await audit(tx, {
      action: "price.deleted",
      outcome: "success",
      target: { type: "model_price", id },
      before: priceSnapshot(price),
      details: { recomputedCalls: recomputed },
    });
    return { price, recomputed };
  }, TX_OPTIONS);
}

/** Every entry, for the Settings table (grouped by lib/usage/price-groups.ts). */
export async function listPriceEntries(db: Db): Promise<PriceRow[]> {
  return db.modelPrice.findMany({ orderBy: [{ model: "asc" }, { effectiveFrom: "desc" }] });
}

export async function readPriceEntry(db: Db, id: string): Promise<PriceRow | null> {
  return db.modelPrice.findUnique({ where: { id } });
}
