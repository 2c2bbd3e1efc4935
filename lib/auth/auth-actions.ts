"use server";
import "server-only";
// Server actions of sign-in, first-run setup and sign-out: the signed-out doors, built with
// publicAction. Input is validated here, on the server; the redirect target is only ever a
// local path.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { z } from "zod";
import { ActionError } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/role-action";
import { getAuth } from "./auth";
import { setUpFirstAdmin, signIn, type SignInResult } from "./sign-in";

const signInSchema = z.object({
  email: z.string().trim().min(1, "is required").max(320),
  password: z.string().min(1, "is required").max(256),
  next: z.string().optional(),
});
const setupSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  email: z.string().trim().email("must be an email address").max(320),
  password: z.string().min(8, "must be at least 8 characters").max(256),
});

function localPath(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** Sends the new session's cookie with this action's response, or throws the refusal. */
async function startSession(result: SignInResult): Promise<void> {
  if (!result.ok) throw new ActionError(result.error);
  if (!result.setCookie) return;
  const jar = await cookies();
  parseSetCookieHeader(result.setCookie).forEach((value, name) => jar.set(name, value.value, toCookieOptions(value)));
}

export const signInAction = publicAction({ schema: signInSchema }, async ({ input, request }): Promise<never> => {
  await startSession(await signIn(input.email, input.password, request));
  redirect(localPath(input.next));
});

export const setupAction = publicAction({ schema: setupSchema }, async ({ input, request }): Promise<never> => {
  await startSession(
    await setUpFirstAdmin({ name: input.name, email: input.email, password: input.password }, request),
  );
  redirect("/");
});

export const signOutAction = publicAction({ schema: z.object({}) }, async (): Promise<never> => {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect("/login");
});
