import "server-only";
// Who is signed in, checked on the server for every page, route and action. Hiding a
// button is never the check; these are.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { getAuth } from "./auth";
import { userCount, type Role } from "./users";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

const RANK: Record<Role, number> = { viewer: 0, approver: 1, admin: 2 };

export function hasRole(user: { role: Role }, needed: Role): boolean {
  return RANK[user.role] >= RANK[needed];
}

/** The signed-in user from the request's session cookie, read fresh from the database. */
export async function currentUser(requestHeaders?: Headers): Promise<CurrentUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders ?? (await headers()) });
  if (!session) return null;
  const user = await db().user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: the user, or a redirect to first-run setup (no users yet) or to sign-in. */
export async function requirePageUser(needed: Role = "viewer"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) {
    if ((await userCount(db())) === 0) redirect("/setup");
    redirect("/login");
  }
  if (!hasRole(user, needed)) redirect("/?denied=1");
  return user;
}

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** For route handlers and server actions: the user, or an AuthError (401/403). */
export async function requireUser(needed: Role = "viewer", requestHeaders?: Headers): Promise<CurrentUser> {
  const user = await currentUser(requestHeaders);
  if (!user) throw new AuthError(401, "sign in first");
  if (!hasRole(user, needed)) throw new AuthError(403, `this needs the ${needed} role; you are ${user.role}`);
  return user;
}

/** For route handlers: the user, or the 401/403 response to send instead. */
export async function userOrRefusal(requestHeaders: Headers, needed: Role = "viewer"): Promise<CurrentUser | Response> {
  try {
    return await requireUser(needed, requestHeaders);
  } catch (error) {
    if (error instanceof AuthError)
      return Response.json(
        { error: { code: error.status === 401 ? "unauthorized" : "forbidden", message: error.message } },
        { status: error.status },
      );
    throw error;
  }
}
