// The one contract for editing agent profiles and their prompt versions in Settings. Form
// values arrive as strings; a checkbox is "on" when ticked and absent otherwise.
import { z } from "zod";

export const USAGE_UNITS = ["runs", "tokens", "usd"] as const;

const id = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));

const envOverrides = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || v.trim() === "") return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'Environment overrides must be a JSON object such as {"LOG_LEVEL": "debug"}',
      });
      return z.NEVER;
    }
    if (
      typeof parsed !== "object" ||
      parsed === null ||
      Array.isArray(parsed) ||
      !Object.values(parsed).every((x) => typeof x === "string")
    ) {
      ctx.addIssue({ code: "custom", message: "Environment overrides must be a JSON object of string values" });
      return z.NEVER;
    }
    return parsed as Record<string, string>;
  });

export const profileFieldsSchema = z.object({
  /** empty = a global profile, used by every project that has none of that name */
  projectId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null)),
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(100, "Name must be at most 100 characters"),
  provider: optionalText("Provider", 100),
  model: optionalText("Model", 200),
  dailyLimit: z.union([z.string(), z.number()], { error: "Daily limit is required" }).transform((v, ctx) => {
    const n = typeof v === "number" ? v : v.trim() === "" ? 0 : Number(v);
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: "Daily limit must be a number, 0 (no limit) or more" });
      return z.NEVER;
    }
    return n;
  }),
  usageUnit: z.enum(USAGE_UNITS, { error: "Unit must be runs, tokens or usd" }),
  hardLimit: z
    .union([z.literal("on"), z.boolean()])
    .optional()
    .transform((v) => v === "on" || v === true),
  envOverrides,
});
export type ProfileFields = z.output<typeof profileFieldsSchema>;

export const createProfileSchema = profileFieldsSchema;
export const updateProfileSchema = profileFieldsSchema.extend({ id: id("Profile") });
export const deleteProfileSchema = z.object({ id: id("Profile") });
export type UpdateProfileInput = z.output<typeof updateProfileSchema>;

export const addPromptVersionSchema = z.object({
  profileId: id("Profile"),
  content: z
    .string({ error: "Content is required" })
    .min(1, "Content is required")
    .max(200_000, "Content must be at most 200,000 characters")
    .refine((v) => v.trim() !== "", "Content is required"),
  note: optionalText("Note", 500),
});
export type AddPromptVersionInput = z.output<typeof addPromptVersionSchema>;

export const activatePromptVersionSchema = z.object({ profileId: id("Profile"), versionId: id("Version") });
export type ActivatePromptVersionInput = z.output<typeof activatePromptVersionSchema>;
