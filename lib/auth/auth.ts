import "server-only";
// better-auth over our own tables (User, AuthSession, AuthAccount, AuthVerification): email
// and password, server-side sessions in HttpOnly SameSite=Lax cookies (Secure over https).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { databaseKind, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { authSecret } from "./auth-secret";
import { SIGN_IN_LIMIT, SIGN_IN_PATH, THROTTLE_CLIENT_HEADER } from "./sign-in-throttle";

async function build() {
  const client = db();
  return betterAuth({
    database: prismaAdapter(client, { provider: databaseKind() }),
    secret: await authSecret(client),
    baseURL: env().OBSERVATORY_URL,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      modelName: "user",
      additionalFields: { role: { type: "string", required: false, defaultValue: "viewer", input: false } },
    },
    session: { modelName: "authSession", expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    account: { modelName: "authAccount" },
    verification: { modelName: "authVerification" },
    advanced: {
      cookiePrefix: "observatory",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // the client the limiter counts is set by our server only (sign-in-throttle.ts)
      ipAddress: { ipAddressHeaders: [THROTTLE_CLIENT_HEADER], ipv6Subnet: 128 },
    },
    // Applies to requests through auth.handler, which is how signIn() calls better-auth;
    // auth.api.* calls bypass it. Database storage: shared by processes, one row per client.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { [SIGN_IN_PATH]: SIGN_IN_LIMIT },
    },
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
