// The hand-written SQL twin of each page's loaders for bench:pages: the same answer (the
// same rows, columns, joins, counts and sums the page shows) from the same tables, written
// as one would by hand with bound parameters. A twin that computed less, or read a slower
// table than the loader, would make the ratio meaningless in one direction or the other.
import type { Db } from "../../lib/db/client";
import type { DatabaseKind } from "../../lib/db/database-url";
import { sqliteTimestamp } from "../../lib/db/sql/dialects";
import { ACTIVE_STATUSES, sessionSpan } from "../../lib/timeline/gantt-layout";
import { bucketWidth } from "../../lib/timeline/lane-aggregate";
import { TIMELINE_DETAIL_LIMIT, TIMELINE_MIN_WINDOW_MS } from "../../lib/timeline/zoom-window";
import { rollupSlices } from "../../lib/usage/rollup-slices";
import { CALL_SUM_FIELDS, CHART_SUM_FIELDS, PERFORMANCE_FIELDS } from "../../lib/usage/rollup-math";

export type TwinContext = {
  client: Db;
  kind: DatabaseKind;
  now: Date;
  window30: { from: Date; to: Date };
  /** the projects the pages show (all of them) */
  projectIds: string[];
  session: { id: string; externalId: string };
  sessionFilter: { status: string; source: string };
  auditAction: string;
};

const DAY = 86_400_000;

export function pageTwins(
  c: TwinContext,
): Record<"overview" | "sessions" | "detail" | "agents" | "usage" | "audit", () => Promise<unknown>> {
  const pg = c.kind === "postgresql";
  /** `?` placeholders, numbered for PostgreSQL; timestamps in each database's stored form */
  const sql = (text: string, ...params: unknown[]) => {
    let n = 0;
    const values = params.map((p) => (p instanceof Date && !pg ? sqliteTimestamp(p) : p));
    return c.client.$queryRawUnsafe(pg ? text.replace(/\?/g, () => `$${++n}`) : text, ...values);
  };
  const ts = pg ? "?::timestamp(3)" : "?";
  const dayStart = new Date(Math.floor(c.now.getTime() / DAY) * DAY);
  const dayAgo = new Date(c.now.getTime() - DAY);
  const hourOfDayAgo = new Date(Math.floor(dayAgo.getTime() / 3_600_000) * 3_600_000);

  /** The window's rollup rows: the daily table for whole days and the hourly one at the edges. */
  const rollupRows = (by: string[], fields: readonly string[], bucket: boolean, where = "") => {
    const params: unknown[] = [];
    const parts = rollupSlices(c.window30, "day").map((s) => {
      const time = s.level === "day" ? '"day"' : '"hour"';
      const day =
        s.level === "day"
          ? '"day"'
          : pg
            ? `date_trunc('day', "hour")`
            : `substr("hour", 1, 10) || 'T00:00:00.000+00:00'`;
      params.push(...c.projectIds, s.from, s.to);
      const cols = [
        ...(bucket ? [`${day} AS "bucket"`] : []),
        ...by.map((b) => `"${b}"`),
        ...fields.map((f) => `"${f}"`),
      ];
      const projects = `"projectId" IN (${c.projectIds.map(() => "?").join(", ")})`;
      return `SELECT ${cols.join(", ")} FROM "${s.level === "day" ? "UsageRollupDaily" : "UsageRollup"}" WHERE ${projects} AND ${time} >= ${ts} AND ${time} < ${ts}${where}`;
    });
    return { rows: `(${parts.join(" UNION ALL ")}) AS r`, params };
  };
  /**
   * One pass over the window's rollups for a page's chart and table: sums per day and `dim`,
   * then from those groups the chart's series (per day, or per day and `dim` when it stacks by
   * it) and the table's totals per `dim` (`having` on them).
   */
  const chartAndTable = (dim: string, fields: readonly string[], stacked: boolean, having = "") => {
    const { rows, params } = rollupRows([dim], fields, true);
    const sums = fields.map((f) => `SUM("${f}") AS "${f}"`).join(", ");
    const plain = fields.map((f) => `"${f}"`).join(", ");
    const chart = stacked
      ? `SELECT "bucket", "${dim}", ${plain} FROM g`
      : `SELECT "bucket", NULL AS "${dim}", ${sums} FROM g GROUP BY "bucket"`;
    return sql(
      `WITH g AS (SELECT "bucket", "${dim}", ${sums} FROM ${rows} GROUP BY "bucket", "${dim}") ${chart} UNION ALL SELECT NULL, "${dim}", ${sums} FROM g GROUP BY "${dim}"${having}`,
      ...params,
    );
  };
  // the same columns the loaders sum (lib/usage/rollup-math.ts); the twins' SQL is their own
  const USAGE = CHART_SUM_FIELDS;
  const CALLS = CALL_SUM_FIELDS;
  const PERF = PERFORMANCE_FIELDS;
  const sessionRow = `s."id", s."externalId", s."source", s."title", s."mission", s."status", s."phase", s."projectId", s."startedAt", s."updatedAt", s."endedAt", s."iteration", s."totalTokens", s."costUsd", s."errorCount"`;
  const { id } = c.session;

  return {
    overview: () =>
      Promise.all([
        sql('SELECT "status", count(*) AS n FROM "Session" GROUP BY "status"'),
        sql(`SELECT count(*) AS n FROM "Session" WHERE "startedAt" >= ${ts}`, dayStart),
        sql('SELECT sum("llmCalls") AS calls, sum("totalTokens") AS tokens FROM "UsageRollupDaily"'),
        sql('SELECT count(*) AS n FROM "Project"'),
        sql(
          `SELECT "startedAt", "status" FROM "Session" WHERE "startedAt" >= ${ts} ORDER BY "startedAt" DESC LIMIT 20000`,
          dayAgo,
        ),
        sql(
          `SELECT "agentType", sum("runs") AS runs, sum("runsFailed") AS failed FROM "UsageRollup" WHERE "hour" >= ${ts} AND "runs" > 0 GROUP BY "agentType"`,
          hourOfDayAgo,
        ),
        sql(
          `SELECT ${pg ? `to_char("hour", 'YYYY-MM-DD"T"HH24')` : 'substr("hour", 1, 13)'} AS h, SUM("totalTokens") AS t, SUM("costUsd") AS c, SUM("llmCalls") AS n FROM "UsageRollup" WHERE "hour" >= ${ts} GROUP BY 1 HAVING SUM("llmCalls") > 0 ORDER BY 1`,
          dayStart,
        ),
        sql(
          `SELECT e."id", e."timestamp", e."level", e."kind", e."agentType", e."message", s."externalId", p."slug" FROM "Event" e LEFT JOIN "Session" s ON s."id" = e."sessionId" LEFT JOIN "Project" p ON p."id" = s."projectId" ORDER BY e."id" DESC LIMIT 12`,
        ),
        sql(
          `SELECT s."id", s."externalId", s."source", s."title", s."mission", s."status", s."phase", s."startedAt", s."updatedAt", s."totalTokens", p."name" FROM "Session" s JOIN "Project" p ON p."id" = s."projectId" ORDER BY s."updatedAt" DESC, s."id" DESC LIMIT 10`,
        ),
      ]),
    sessions: () =>
      sql(
        `SELECT ${sessionRow}, p."name", p."slug" FROM "Session" s JOIN "Project" p ON p."id" = s."projectId" WHERE s."status" = ${pg ? '?::"Status"' : "?"} AND s."source" = ? ORDER BY s."updatedAt" DESC, s."id" DESC LIMIT 51`,
        c.sessionFilter.status,
        c.sessionFilter.source,
      ),
    detail: async () => {
      const [, [header], , extremes] = await Promise.all([
        sql(
          `SELECT s."id", s."status", s."updatedAt", p."slug", p."name" FROM "Session" s JOIN "Project" p ON p."id" = s."projectId" WHERE s."externalId" = ? ORDER BY s."updatedAt" DESC LIMIT 20`,
          c.session.externalId,
        ),
        sql(
          // the header with every tab's count; the events as kept in SessionCount (lib/sessions/session-counts.ts)
          `SELECT s.*, p."slug", p."name", parent."externalId" AS "parentExternalId", ${["Run", "Message", "Task", "StateSnapshot", "Decision", "Artifact", "LlmCall", "Gate"].map((t) => `(SELECT count(*) FROM "${t}" WHERE "sessionId" = s."id") AS "n${t}"`).join(", ")}, (SELECT "events" FROM "SessionCount" WHERE "sessionId" = s."id") AS "nEvent", (SELECT count(*) FROM "SourceRecord" r WHERE r."projectId" = s."projectId" AND r."sessionRef" = s."externalId") AS "nSourceRecord" FROM "Session" s JOIN "Project" p ON p."id" = s."projectId" LEFT JOIN "Session" parent ON parent."id" = s."parentSessionId" WHERE s."id" = ?`,
          id,
        ) as Promise<{ nRun: number | bigint }[]>,
        sql(
          `SELECT "externalId", "title", "phase", "expiresAt" FROM "Gate" WHERE "sessionId" = ? AND "status" = 'pending' ORDER BY "createdAt" DESC LIMIT 1`,
          id,
        ),
        // the Timeline's span: first start, last start and end, the longest open run, whether one is still active
        sql(
          `SELECT min("startedAt") AS "firstStart", max("startedAt") AS "lastStart", max("endedAt") AS "lastEnd", max(CASE WHEN "endedAt" IS NULL THEN "durationMs" END) AS "longestOpen", count(CASE WHEN "startedAt" IS NOT NULL AND "endedAt" IS NULL AND "durationMs" IS NULL AND "status" IN (${ACTIVE_STATUSES.map(() => (pg ? '?::"Status"' : "?")).join(", ")}) THEN 1 END) AS "openActive" FROM "Run" WHERE "sessionId" = ?`,
          ...ACTIVE_STATUSES,
          id,
        ) as Promise<Record<string, unknown>[]>,
        sql(
          `SELECT e."id", e."timestamp", e."level", e."kind", e."agentType", e."component", e."iteration", e."message", e."details", r."externalId" AS run FROM "Event" e LEFT JOIN "Run" r ON r."id" = e."runId" WHERE e."sessionId" = ? ORDER BY e."timestamp" DESC, e."id" DESC LIMIT 201`,
          id,
        ),
      ]);
      const x = extremes[0] ?? {};
      const time = (v: unknown) => (v == null ? null : v instanceof Date ? v.getTime() : new Date(String(v)).getTime());
      const span = sessionSpan(
        {
          firstStart: time(x.firstStart),
          lastStart: time(x.lastStart),
          lastEnd: time(x.lastEnd),
          longestOpenDuration: x.longestOpen == null ? null : Number(x.longestOpen),
          openActive: Number(x.openActive ?? 0) > 0,
        },
        c.now.getTime(),
      );
      const shown = span ? { from: span.start, to: span.end + 1 } : { from: c.now.getTime(), to: c.now.getTime() + 1 };
      const bucketMs = bucketWidth(shown);
      const bucket = pg
        ? `FLOOR(EXTRACT(EPOCH FROM ("startedAt" - ?::timestamp(3))) * 1000 / ?::double precision)::int`
        : `CAST((julianday("startedAt") - julianday(?)) * 86400000.0 / ? AS INTEGER)`;
      // the lanes (runs per agent type, status and time bucket), and every run with its LLM
      // usage when the session has few enough to list (then no ancestor lies outside the list)
      const runs = Number(header?.nRun ?? 0);
      return Promise.all([
        sql(
          `SELECT "agentType", "status", ${bucket} AS "bucket", count(*) AS "runs" FROM "Run" WHERE "sessionId" = ? GROUP BY 1, 2, 3`,
          new Date(shown.from),
          bucketMs,
          id,
        ),
        runs <= TIMELINE_DETAIL_LIMIT || shown.to - shown.from <= TIMELINE_MIN_WINDOW_MS
          ? sql(
              `SELECT r."id", r."externalId", r."agentType", r."parentRunId", r."status", r."model", r."stepName", r."startedAt", r."endedAt", r."durationMs", r."reportedTokens", r."reportedCostUsd", a."externalId" AS agent, u."tokens", u."cost", u."calls" FROM "Run" r LEFT JOIN "Agent" a ON a."id" = r."agentId" LEFT JOIN (SELECT "runId", sum("totalTokens") AS "tokens", sum("costUsd") AS "cost", count(*) AS "calls" FROM "LlmCall" WHERE "sessionId" = ? AND "runId" IS NOT NULL GROUP BY "runId") u ON u."runId" = r."id" WHERE r."sessionId" = ? ORDER BY r."startedAt", r."id" LIMIT ${TIMELINE_DETAIL_LIMIT}`,
              id,
              id,
            )
          : [],
      ]);
    },
    agents: () =>
      Promise.all([
        // the leaderboard per agent type and the run trend per day
        chartAndTable("agentType", [...new Set([...USAGE, ...PERF])], false),
        sql(
          `SELECT a."type", avg(t."revisionCount") AS revisions FROM "Task" t JOIN "Agent" a ON a."projectId" = t."projectId" AND a."externalId" = t."assignee" WHERE t."assignee" IS NOT NULL AND t."updatedAt" >= ${ts} AND t."updatedAt" < ${ts} AND a."type" IS NOT NULL GROUP BY a."type"`,
          c.window30.from,
          c.window30.to,
        ),
        sql(
          `SELECT "qaPassed", count(*) AS n FROM "Session" WHERE "startedAt" >= ${ts} AND "startedAt" < ${ts} AND "qaPassed" IS NOT NULL GROUP BY "qaPassed"`,
          c.window30.from,
          c.window30.to,
        ),
        sql(
          `SELECT a."externalId", a."name", a."type", a."kind", a."model", a."status", a."heartbeatAt", a."maxWorkload", a."currentWorkload", a."source", p."name" AS project FROM "Agent" a JOIN "Project" p ON p."id" = a."projectId" ORDER BY a."heartbeatAt" DESC NULLS LAST, a."name" LIMIT 200`,
        ),
      ]),
    usage: () =>
      Promise.all([
        // the charts per day and model, and the table per model (models with calls)
        chartAndTable("model", [...new Set([...USAGE, ...CALLS])], true, ' HAVING SUM("llmCalls") > 0'),
        sql(
          `SELECT s."externalId", s."title", s."mission", s."source", s."status", s."totalTokens", s."costUsd", p."name" FROM "Session" s JOIN "Project" p ON p."id" = s."projectId" WHERE s."updatedAt" >= ${ts} AND s."startedAt" < ${ts} AND s."costUsd" > 0 ORDER BY s."costUsd" DESC, s."id" LIMIT 10`,
          c.window30.from,
          c.window30.to,
        ),
      ]),
    audit: () =>
      sql(
        `SELECT "seq", "createdAt", "actorType", "actorId", "actorName", "actorRole", "action", "targetType", "targetId", "projectId", "outcome", "ip", "userAgent", "requestId", "details", "before", "after", "hash" FROM "AuditEntry" WHERE "action" ${pg ? "ILIKE" : "LIKE"} ? ORDER BY "seq" DESC LIMIT 51`,
        `%${c.auditAction}%`,
      ),
  };
}
