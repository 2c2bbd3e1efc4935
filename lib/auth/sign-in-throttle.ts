import "server-only";
// Sign-in throttling is better-auth's own rate limiter with database storage (the RateLimit
// table), so every process shares the counts and the table stays small: one row per client
// and path, overwritten in place, rows past their window pruned by better-auth.
//
// better-auth keys its limiter by client address and path. Behind no trusted proxy we know
// no address, and one shared bucket would let anyone lock everybody out; so the "address"
// better-auth sees is derived from (address or "-", email): a private IPv6 address in
// fd00::/8 that only our server sets, in a header of our own, and that better-auth keeps
// whole (ipv6Subnet 128). The limit therefore counts attempts per account and client.
import { createHash } from "node:crypto";

/** The header better-auth reads the client from (advanced.ipAddress.ipAddressHeaders). */
export const THROTTLE_CLIENT_HEADER = "x-observatory-sign-in-client";

/** Better-auth's path of the email sign-in endpoint, which the rule below applies to. */
export const SIGN_IN_PATH = "/sign-in/email";

/** Attempts allowed per account and client in the window; the next is refused until it ends. */
export const SIGN_IN_LIMIT = { window: 15 * 60, max: 5 };

/** The private address standing for (client address, email), in better-auth's normalized form. */
export function throttleClient(ip: string | null, email: string): string {
  const hex = createHash("sha256")
    .update(`${ip ?? "-"}|${email.toLowerCase()}`)
    .digest("hex");
  const groups = ["fd" + hex.slice(0, 2), ...Array.from({ length: 7 }, (_, i) => hex.slice(2 + i * 4, 6 + i * 4))];
  return groups.join(":");
}

/** The RateLimit row's key for that client's sign-ins (better-auth's `${ip}|${path}`). */
export function throttleKey(ip: string | null, email: string): string {
  return `${throttleClient(ip, email)}|${SIGN_IN_PATH}`;
}
