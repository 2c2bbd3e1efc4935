"use server";
// Server actions of sign-in, first-run setup and sign-out. Input is validated here, on the
// server; the redirect target is only ever a local path.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth } from "@/lib/auth/auth";
import { requestMeta, setUpFirstAdmin, signIn } from "@/lib/auth/sign-in";
import { firstIssue } from "@/lib/validation/zod-issues";

/** After a failed attempt: the error, and the non-secret fields to show again. */
export type FormState = { error?: string; fields?: Record<string, string>; attempt?: number };

function failed(error: string, fields: Record<string, string>): FormState {
  return { error, fields, attempt: Date.now() };
}

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

const signInSchema = z.object({ email: z.string().trim().min(1, "Email is required").max(320), password: z.string().min(1, "Password is required").max(256) });
const setupSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(200),
  email: z.string().trim().email("Email must be an email address").max(320),
  password: z.string().min(8, "Password must be at least 8 characters").max(256),
});

function localPath(next: FormDataEntryValue | null): string {
  const s = typeof next === "string" ? next : "";
  return s.startsWith("/") && !s.startsWith("//") ? s : "/";
}

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const kept = { email: text(form.get("email")) };
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return failed(firstIssue(parsed.error).message, kept);
  const result = await signIn(parsed.data.email, parsed.data.password, requestMeta(await headers()));
  if (!result.ok) return failed(result.error, kept);
  redirect(localPath(form.get("next")));
}

export async function setupAction(_: FormState, form: FormData): Promise<FormState> {
  const kept = { name: text(form.get("name")), email: text(form.get("email")) };
  const parsed = setupSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return failed(firstIssue(parsed.error).message, kept);
  const result = await setUpFirstAdmin(parsed.data, requestMeta(await headers()));
  if (!result.ok) return failed(result.error, kept);
  redirect("/");
}

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect("/login");
}
