// Inputs of the session detail's read actions (paging, opening a run, a call, a snapshot).
// Every one names the session row it reads from; queries are scoped to it.
import { z } from "zod";

const id = z.string().min(1).max(100);
const cursor = z.string().max(500).nullish();
const text = z.string().trim().max(200).optional();

export const logFiltersSchema = z.object({ agent: text, level: text, kind: text, q: text });

export const runDetailInput = z.object({ sessionId: id, runId: id });
export const callContentInput = z.object({ sessionId: id, callId: id });
export const logPageInput = z.object({ sessionId: id, filters: logFiltersSchema, olderThan: cursor });
export const newLogLinesInput = z.object({
  sessionId: id,
  filters: logFiltersSchema,
  afterId: z.number().int().nonnegative(),
});
export const logLineInput = z.object({ sessionId: id, id: z.number().int().nonnegative() });
export const pageInput = z.object({ sessionId: id, cursor });
const rowCursor = z.string().min(1).max(500);
/** Where the Messages tab jumps or continues: an edge, a time, or past a row's cursor. */
export const messageSeekSchema = z.discriminatedUnion("to", [
  z.object({ to: z.literal("start") }),
  z.object({ to: z.literal("end") }),
  z.object({ to: z.literal("time"), at: z.iso.datetime({ offset: true }) }),
  z.object({ to: z.literal("after"), cursor: rowCursor }),
  z.object({ to: z.literal("before"), cursor: rowCursor }),
]);
export type MessageSeek = z.output<typeof messageSeekSchema>;
export const messageWindowInput = z.object({ sessionId: id, seek: messageSeekSchema });
export const stateDataInput = z.object({ sessionId: id, ids: z.array(z.number().int().nonnegative()).min(1).max(4) });
export const artifactBodyInput = z.object({ sessionId: id, artifactId: id });
