// Contracts of Settings → Sources: what an admin submits to register, change, pause,
// remove or sync a source. The server actions validate with these; the tests call the
// feature functions with the same shapes.
import { z } from "zod";
import { isTimeZone } from "./local-time";
import { SYSTEMS } from "./types";

/**
 * Seconds between passes over a followed source. A pass over an unchanged source only reads its
 * change token (PRAGMA data_version and file stats, a folder's file stats, PostgreSQL's per-table
 * xmin and count), so the default is short: a change is visible within about a second and a half
 * (issue 19 asks for p95 under 2 s; `npm run bench:live` measures it).
 */
export const POLL_INTERVAL = { min: 1, max: 3600, default: 1 } as const;

const pollIntervalSec = z.coerce
  .number({ error: "a number of seconds" })
  .int({ error: "whole seconds" })
  .min(POLL_INTERVAL.min, { error: `at least ${POLL_INTERVAL.min} second` })
  .max(POLL_INTERVAL.max, { error: `at most ${POLL_INTERVAL.max} seconds (one hour)` });

export const registerSourceSchema = z.object({
  system: z.enum(SYSTEMS, { error: `choose one of ${SYSTEMS.join(", ")}` }),
  location: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "give a path on the server or a PostgreSQL URL" })
    .max(2000),
  /** an existing project's slug; empty means "a new project named by newProject" */
  project: z.string().trim().max(64).default(""),
  newProject: z.string().trim().max(64).default(""),
  pollIntervalSec: pollIntervalSec.default(POLL_INTERVAL.default),
  /** IANA zone of the columns the source writes in local time; empty: this server's zone */
  timeZone: z
    .string()
    .trim()
    .max(64)
    .default("")
    .refine((v) => v === "" || isTimeZone(v), { error: "an IANA time zone such as UTC or Europe/Berlin" }),
});
export type RegisterSourceInput = z.input<typeof registerSourceSchema>;

const sourceId = z.string({ error: "required" }).trim().min(1, { error: "required" }).max(100);

export const updateSourceSchema = z
  .object({
    id: sourceId,
    pollIntervalSec: pollIntervalSec.optional(),
    enabled: z
      .enum(["true", "false"], { error: "true or false" })
      .transform((v) => v === "true")
      .or(z.boolean())
      .optional(),
  })
  .refine((v) => v.pollIntervalSec !== undefined || v.enabled !== undefined, {
    error: "nothing to change",
    path: ["pollIntervalSec"],
  });
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;

export const sourceIdSchema = z.object({ id: sourceId });
