import "server-only";
// How many records each tab of a session's page holds, in one statement: a count per table
// as scalar subqueries, and the events as kept in SessionCount (session-counts.ts). Ten
// separate counts cost ten round trips (and ten hand-offs to SQLite's read pool) on every
// tab of the page, for the same few index lookups.
import type { Db } from "@/lib/db/client";
import { sqlFor } from "@/lib/db/sql/registry";

export type SessionTabCounts = {
  runs: number;
  logs: number;
  messages: number;
  tasks: number;
  states: number;
  decisions: number;
  artifacts: number;
  gates: number;
  llmCalls: number;
  /** rows the importer kept unmapped (SourceRecord) */
  sourceRecords: number;
};

const PER_SESSION = {
  runs: "Run",
  messages: "Message",
  tasks: "Task",
  states: "StateSnapshot",
  decisions: "Decision",
  artifacts: "Artifact",
  gates: "Gate",
  llmCalls: "LlmCall",
} as const;

export async function readTabCounts(
  client: Db,
  session: { id: string; projectId: string; externalId: string },
): Promise<SessionTabCounts> {
  const row = await sqlFor(client)
    .selectNoFrom((eb) => [
      ...Object.entries(PER_SESSION).map(([name, table]) =>
        eb.selectFrom(table).select(eb.fn.countAll().as("n")).where("sessionId", "=", session.id).as(name),
      ),
      eb.selectFrom("SessionCount").select("events").where("sessionId", "=", session.id).as("logs"),
      eb
        .selectFrom("SourceRecord")
        .select(eb.fn.countAll().as("n"))
        .where("projectId", "=", session.projectId)
        .where("sessionRef", "=", session.externalId)
        .as("sourceRecords"),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  const r = row as Record<string, unknown>;
  return {
    runs: n(r.runs),
    logs: n(r.logs),
    messages: n(r.messages),
    tasks: n(r.tasks),
    states: n(r.states),
    decisions: n(r.decisions),
    artifacts: n(r.artifacts),
    gates: n(r.gates),
    llmCalls: n(r.llmCalls),
    sourceRecords: n(r.sourceRecords),
  };
}
