// The log events the ingest benchmarks send, and the same rows as the raw-driver loops write
// them into the product's Event table, so bench:ingest and profile:ingest measure one shape.
import { LOG_MESSAGE } from "./stats";

/** A log event as the API receives it. */
export function benchLogEvent(i: number, prefix: string) {
  return {
    id: `${prefix}-${i}`,
    type: "log",
    timestamp: new Date(1_700_000_000_000 + i).toISOString(),
    body: {
      sessionId: `bench-session-${i % 50}`,
      level: "info",
      kind: "log",
      agentType: "developer",
      message: LOG_MESSAGE,
      details: { i, agent: "developer" },
    },
  };
}

/** The Event columns the raw loops write. */
export const RAW_EVENT_COLUMNS = [
  "projectId",
  "externalId",
  "source",
  "timestamp",
  "createdAt",
  "sessionId",
  "agentType",
  "level",
  "kind",
  "message",
  "details",
] as const;

/** One raw Event row in RAW_EVENT_COLUMNS order; `at` writes a Date as the database stores it. */
export function rawEventRow(projectId: string, round: number, i: number, createdAt: unknown, at: (d: Date) => unknown) {
  return [
    projectId,
    `raw-${round}-${i}`,
    "api",
    at(new Date(1_700_000_000_000 + i)),
    createdAt,
    `raw-session-${i % 50}`,
    "developer",
    "info",
    "log",
    LOG_MESSAGE,
    JSON.stringify({ i, agent: "developer" }),
  ];
}
