import "server-only";
// better-auth over our own tables (User, AuthSession, AuthAccount, AuthVerification): email
// and password, server-side sessions in HttpOnly SameSite=Lax cookies (Secure over https).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { databaseKind, db } from "@/lib/db/client";
import { authSecret } from "./auth-secret";

async function build() {
  const client = db();
  return betterAuth({
    database: prismaAdapter(client, { provider: databaseKind() }),
    secret: await authSecret(client),
    baseURL: process.env.OBSERVATORY_URL,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      modelName: "user",
      additionalFields: { role: { type: "string", required: false, defaultValue: "viewer", input: false } },
    },
    session: { modelName: "authSession", expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    account: { modelName: "authAccount" },
    verification: { modelName: "authVerification" },
    advanced: { cookiePrefix: "observatory", defaultCookieAttributes: { httpOnly: true, sameSite: "lax" } },
    rateLimit: { enabled: true, window: 60, max: 100, customRules: { "/sign-in/email": { window: 60, max: 10 } } },
    plugins: [nextCookies()],
  });
}

type Auth = Awaited<ReturnType<typeof build>>;
const holder = globalThis as unknown as { __observatoryAuth?: { db: unknown; auth: Promise<Auth> } };

/** The process-wide better-auth instance for the current database. */
export function getAuth(): Promise<Auth> {
  const current = db();
  if (!holder.__observatoryAuth || holder.__observatoryAuth.db !== current) {
    holder.__observatoryAuth = { db: current, auth: build() };
  }
  return holder.__observatoryAuth.auth;
}
