// Input of the Timeline tab's window action: which session, and the time window to show.
import { z } from "zod";

// up to the last millisecond of year 9999: what both databases store
const epochMs = z.number().int().min(0).max(253_402_300_799_999);

export const timelineWindowInput = z
  .object({ sessionId: z.string().min(1).max(100), from: epochMs, to: epochMs })
  .refine((w) => w.to > w.from, { path: ["to"], message: "must be after from" });
export type TimelineWindowInput = z.input<typeof timelineWindowInput>;
