// The one contract for editing model prices in Settings: what the forms send, checked here
// for the server actions and the tests alike. Form values arrive as strings.
import { z } from "zod";

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** A regular expression that compiles (the cost functions match it case-insensitively). */
export const matchPatternSchema = text("Match pattern", 300).superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern, "i");
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: `Match pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`,
    });
  }
});

function toUsd(v: string | number, label: string, ctx: z.RefinementCtx): number {
  const n = typeof v === "number" ? v : v.trim() === "" ? NaN : Number(v.trim());
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: "custom", message: `${label} must be a number of USD per 1M tokens, 0 or more` });
    return NaN;
  }
  return n;
}

function usdPerMTok(label: string) {
  return z
    .union([z.string(), z.number()], { error: `${label} is required` })
    .transform((v, ctx) => toUsd(v, label, ctx));
}

/** Empty means "not set": the cost functions then fall back to the input or output rate. */
function optionalUsdPerMTok(label: string) {
  return z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v, ctx) =>
      v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : toUsd(v, label, ctx),
    );
}

/** "2025-06-01" (midnight UTC) or a full ISO timestamp. */
export const effectiveFromSchema = z
  .string({ error: "Effective from is required" })
  .trim()
  .transform((v, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
    const at = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? new Date(iso) : new Date(NaN);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: "custom", message: `Effective from must be a date like 2025-06-01, got "${v}"` });
      return z.NEVER;
    }
    return at;
  });

export const priceFieldsSchema = z.object({
  model: text("Model", 200),
  matchPattern: matchPatternSchema,
  provider: z
    .string()
    .trim()
    .max(100, "Provider must be at most 100 characters")
    .optional()
    .transform((v) => (v ? v : null)),
  inputPerMTok: usdPerMTok("Input price"),
  outputPerMTok: usdPerMTok("Output price"),
  cacheReadPerMTok: optionalUsdPerMTok("Cache read price"),
  cacheWritePerMTok: optionalUsdPerMTok("Cache write price"),
  reasoningPerMTok: optionalUsdPerMTok("Reasoning price"),
  effectiveFrom: effectiveFromSchema,
});
export type PriceFields = z.output<typeof priceFieldsSchema>;

const priceId = z.string({ error: "Price entry is required" }).trim().min(1, "Price entry is required");

export const createPriceSchema = priceFieldsSchema;
export const updatePriceSchema = priceFieldsSchema.extend({ id: priceId });
export const deletePriceSchema = z.object({ id: priceId });
export type UpdatePriceInput = z.output<typeof updatePriceSchema>;
