// The short-term memory's session_state.db (claude-orchestrator/short-term-memory: schema.sql,
// session_db.py SessionManager): session_state rows are sessions, decisions become decision
// records, issues become tasks (resolved → completed), checkpoints become state snapshots
// (and a context-usage metric), checkpoint_schedule a state snapshot re-read when it changes.
//
// Times: started_at, last_updated, timestamp and last_checkpoint_time are SQLite
// CURRENT_TIMESTAMP (UTC); next_checkpoint_due is Python datetime.now() + 30 min, local time,
// read in the source's zone (--time-zone). The session id itself is local time
// (`20250813_180500_86cb1207`, strftime of datetime.now()), so the offset between it and
// started_at shows the zone the writer ran in: a mismatch with --time-zone is reported.
//
// Nothing in this code ends a session (status stays `active`, last_updated never moves), so an
// active session ends (completed, at its last activity) once a later session started in the
// same database, or when nothing of it changed within STALE_AFTER_MS.
import type { SqlSource } from "../source";
import { amountColumn, boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { bool, latest, str } from "../sql-reader";
import { normalizeStatus } from "@/lib/ingest/status";
import type { MapContext, Mapped, TableReader } from "../types";
import { SYSTEM } from "./central-readers";
import { aoTableReader, ownExtras, type AoTableSpec } from "./table-reader";
import { CHECKPOINT_TRIGGERS, SESSION_STATE_STATUS, STALE_AFTER_MS } from "./vocabulary";

export const STM_TABLES = ["session_state", "decisions", "issues", "checkpoints", "checkpoint_schedule"] as const;

export function isShortTermMemoryDb(tables: readonly string[]): boolean {
  return tables.includes("session_state");
}

const SESSION_ID_TIME = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})_/;

/** The local wall time a session id was built from, as text ("2025-08-13 18:05:00"). */
export function sessionIdWallTime(id: string): string | undefined {
  const m = SESSION_ID_TIME.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : undefined;
}

const utc = (v: unknown): number | undefined => {
  const s = str(v);
  if (s === undefined) return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
  return Number.isFinite(ms) ? ms : undefined;
};

/** Per session: its last activity (any row of it), and when the next later session started. */
async function sessionActivity(
  source: SqlSource,
  tables: readonly string[],
): Promise<Map<string, { last?: string; superseded?: string }>> {
  const last = new Map<string, number>();
  const note = (id: unknown, v: unknown) => {
    const ms = utc(v);
    const key = str(id);
    if (ms !== undefined && key !== undefined) last.set(key, Math.max(last.get(key) ?? 0, ms));
  };
  const sessions = await source.all("SELECT session_id, started_at, last_updated FROM session_state");
  for (const s of sessions) {
    note(s.session_id, s.started_at);
    note(s.session_id, s.last_updated);
  }
  for (const table of ["decisions", "issues", "checkpoints"]) {
    if (tables.includes(table))
      for (const r of await source.all(`SELECT session_id, max(timestamp) AS t FROM ${table} GROUP BY session_id`))
        note(r.session_id, r.t);
  }
  if (tables.includes("checkpoint_schedule"))
    for (const r of await source.all("SELECT session_id, last_checkpoint_time AS t FROM checkpoint_schedule"))
      note(r.session_id, r.t);
  const starts = sessions.map((s) => utc(s.started_at)).filter((v): v is number => v !== undefined);
  const out = new Map<string, { last?: string; superseded?: string }>();
  for (const s of sessions) {
    const id = String(s.session_id);
    const start = utc(s.started_at);
    const ms = last.get(id);
    const next = start === undefined ? undefined : starts.filter((other) => other > start).sort((a, b) => a - b)[0];
    out.set(id, {
      last: ms === undefined ? undefined : new Date(ms).toISOString(),
      superseded: next === undefined ? undefined : new Date(next).toISOString(),
    });
  }
  return out;
}

const SESSION_KNOWN = [
  "session_id",
  "started_at",
  "last_updated",
  "current_task",
  "task_context",
  "workflow",
  "context_tokens",
  "status",
];
const SESSION_WORDS = Object.keys(SESSION_STATE_STATUS);

function sessions(source: SqlSource, tables: readonly string[]): AoTableSpec {
  return {
    table: "session_state",
    key: (r) => String(r.session_id),
    async prepare(rows) {
      const activity = await sessionActivity(source, tables);
      const now = Date.now();
      return rows.map((r) => {
        const a = activity.get(String(r.session_id));
        const lastMs = a?.last ? Date.parse(a.last) : undefined;
        return {
          ...r,
          _last_activity: a?.last ?? null,
          _superseded: a?.superseded ?? null,
          _stale: lastMs !== undefined && now - lastMs > STALE_AFTER_MS,
        };
      });
    },
    map(r, ctx) {
      const invalid: Record<string, unknown> = {};
      const id = String(r.session_id);
      const started = timeColumn(ctx, r.started_at, "started_at", invalid);
      const updated = timeColumn(ctx, r.last_updated, "last_updated", invalid);
      const lastActivity = ctx.optionalTime(r._last_activity, "last activity");
      const word = sourceWord(ctx, r.status, "status", SESSION_WORDS) ?? "active";
      let status = SESSION_STATE_STATUS[word.toLowerCase()] ?? normalizeStatus(word);
      // nothing ends a session in this code: a later session, or silence, does
      const endedBy =
        status === "running" || status === "pending"
          ? r._superseded
            ? "a later session started"
            : r._stale === true
              ? "no change within the stale threshold"
              : undefined
          : undefined;
      // when the rule ends it (the later session's start, or last activity + STALE_AFTER_MS) is
      // part of the event's time whatever the status: the time only grows as the source lives,
      // so an end by the rule wins over the running state sent before, and a status the source
      // rewrites in place later (last_updated never moves) wins over the end by the rule
      const ruledAt = latest(
        ctx.optionalTime(r._superseded, "started_at"),
        r._stale === true && lastActivity ? new Date(lastActivity.getTime() + STALE_AFTER_MS) : undefined,
      );
      if (endedBy) status = "completed";
      const wall = sessionIdWallTime(id);
      const idInstant = wall ? ctx.localTime(wall, "session_id") : undefined;
      const offsetMinutes =
        wall && started
          ? Math.round((Date.parse(`${wall.replace(" ", "T")}Z`) - started.getTime()) / 60_000)
          : undefined;
      if (idInstant && started && Math.abs(idInstant.getTime() - started.getTime()) > 5 * 60_000) {
        ctx.issue(
          `session_id local time differs from started_at by ${String(offsetMinutes)} min: the source's zone is not --time-zone`,
        );
      }
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: (latest(ruledAt, lastActivity, updated, started) ?? ctx.importedAt).toISOString(),
            body: {
              sessionId: id,
              source: SYSTEM,
              title: boundedText(r.current_task) ?? `short-term memory session ${id}`,
              mission: str(r.task_context),
              mode: boundedText(r.workflow),
              kind: "short_term_memory",
              status: status ?? word,
              sourceStatus: word,
              startedAt: started?.toISOString(),
              // ended (by the source or by the rule above): at its last activity, the source keeps no end time
              endedAt:
                endedBy || (status !== "running" && status !== "pending")
                  ? (lastActivity ?? updated ?? started)?.toISOString()
                  : undefined,
              metadata: {
                workflow: str(r.workflow),
                context_tokens: countColumn(ctx, r.context_tokens, "context_tokens", invalid),
                last_updated: updated?.toISOString(),
                ended_by: endedBy ?? null,
                session_id_local_time: wall,
                session_id_utc_offset_minutes: offsetMinutes,
                ...ownExtras(r, SESSION_KNOWN),
                ...invalid,
              },
            },
          },
        ],
      };
    },
  };
}

const DECISION_KNOWN = ["decision_id", "session_id", "timestamp", "what_was_decided", "reason", "approved_by_user"];

const decisions: AoTableSpec = {
  table: "decisions",
  records: true,
  key: (r) => String(r.decision_id ?? `rowid:${String(r._rowid)}`),
  map(r, ctx): Mapped {
    return {
      events: [],
      once: [
        {
          id: ctx.eventId("decision"),
          type: "decision",
          timestamp: ctx.time(r.timestamp, "timestamp").toISOString(),
          body: {
            sessionId: str(r.session_id) ?? "unknown-session",
            decisionType: "decision",
            data: {
              what_was_decided: str(r.what_was_decided) ?? null,
              reason: str(r.reason) ?? null,
              approved_by_user: bool(r.approved_by_user) ?? false,
            },
            metadata: { decision_id: r.decision_id, ...ownExtras(r, DECISION_KNOWN) },
          },
        },
      ],
    };
  },
};

const ISSUE_KNOWN = ["issue_id", "session_id", "timestamp", "issue_description", "resolution_attempted", "resolved"];

const issues: AoTableSpec = {
  table: "issues",
  key: (r) => String(r.issue_id),
  map(r, ctx) {
    const description = str(r.issue_description) ?? "";
    const resolved = bool(r.resolved) ?? false;
    const session = str(r.session_id);
    if (session === undefined) ctx.issue("missing session_id");
    const at = ctx.time(r.timestamp, "timestamp");
    return {
      events: [
        {
          id: ctx.eventId("task"),
          type: "task",
          timestamp: at.toISOString(),
          body: {
            taskId: `${session ?? "unknown-session"}:issue:${String(r.issue_id)}`,
            sessionId: session ?? "unknown-session",
            name: boundedText(description, 200) ?? `issue ${String(r.issue_id)}`,
            description: [
              description,
              str(r.resolution_attempted) ? `Resolution attempted: ${String(r.resolution_attempted)}` : undefined,
            ]
              .filter(Boolean)
              .join("\n\n"),
            status: resolved ? "completed" : "pending",
            sourceStatus: resolved ? "resolved" : "unresolved",
            kind: "issue",
            createdAt: at.toISOString(),
            // the source records no time of resolution
            closedAt: null,
            metadata: {
              issue_id: r.issue_id,
              resolved,
              resolution_attempted: str(r.resolution_attempted) ?? null,
              ...ownExtras(r, ISSUE_KNOWN),
            },
          },
        },
      ],
    };
  },
};

const CHECKPOINT_KNOWN = [
  "checkpoint_id",
  "session_id",
  "timestamp",
  "trigger_type",
  "current_task",
  "completed_items",
  "pending_decisions",
  "active_issues",
  "next_steps",
  "context_usage_percent",
  "checkpoint_number",
];

const checkpoints: AoTableSpec = {
  table: "checkpoints",
  records: true,
  key: (r) => String(r.checkpoint_id ?? `rowid:${String(r._rowid)}`),
  map(r, ctx): Mapped {
    const invalid: Record<string, unknown> = {};
    const session = str(r.session_id) ?? "unknown-session";
    const at = ctx.time(r.timestamp, "timestamp").toISOString();
    const usage = amountColumn(ctx, r.context_usage_percent, "context_usage_percent", invalid);
    const trigger = sourceWord(ctx, r.trigger_type, "trigger_type", CHECKPOINT_TRIGGERS);
    const data = {
      checkpoint_number: countColumn(ctx, r.checkpoint_number, "checkpoint_number", invalid) ?? null,
      trigger_type: trigger ?? null,
      current_task: str(r.current_task) ?? null,
      completed_items: ctx.json(r.completed_items, "completed_items") ?? [],
      pending_decisions: ctx.json(r.pending_decisions, "pending_decisions") ?? [],
      active_issues: ctx.json(r.active_issues, "active_issues") ?? [],
      next_steps: str(r.next_steps) ?? null,
      context_usage_percent: usage ?? null,
    };
    return {
      events: [],
      once: [
        {
          id: ctx.eventId("state"),
          type: "state",
          timestamp: at,
          body: {
            sessionId: session,
            kind: "checkpoint",
            checkpointId: `${session}:checkpoint:${String(r.checkpoint_id)}`,
            data,
            metadata: { ...ownExtras(r, CHECKPOINT_KNOWN), ...invalid },
          },
        },
        ...(usage !== undefined
          ? [
              {
                id: ctx.eventId("metric"),
                type: "metric" as const,
                timestamp: at,
                body: {
                  name: "context_usage_percent",
                  value: usage,
                  unit: "%",
                  sessionId: session,
                  labels: { trigger_type: trigger ?? "unknown" },
                },
              },
            ]
          : []),
      ],
    };
  },
};

const SCHEDULE_KNOWN = [
  "session_id",
  "next_checkpoint_due",
  "last_checkpoint_time",
  "checkpoint_count",
  "timer_interval_minutes",
];

/** Rewritten in place on every checkpoint: each version is a state snapshot of its own. */
const schedule: AoTableSpec = {
  table: "checkpoint_schedule",
  key: (r) => String(r.session_id),
  map(r, ctx: MapContext) {
    const invalid: Record<string, unknown> = {};
    const due = ctx.localTime(r.next_checkpoint_due, "next_checkpoint_due");
    const lastCheckpoint = timeColumn(ctx, r.last_checkpoint_time, "last_checkpoint_time", invalid);
    const interval = countColumn(ctx, r.timer_interval_minutes, "timer_interval_minutes", invalid);
    // when it was written: the last checkpoint, else when the first one was scheduled
    const written =
      lastCheckpoint ?? (due && interval !== undefined ? new Date(due.getTime() - interval * 60_000) : due);
    return {
      events: [
        {
          id: ctx.eventId("state"),
          type: "state",
          timestamp: (written ?? ctx.importedAt).toISOString(),
          body: {
            sessionId: String(r.session_id),
            kind: "checkpoint_schedule",
            data: {
              next_checkpoint_due: due?.toISOString() ?? null,
              next_checkpoint_due_local: str(r.next_checkpoint_due) ?? null,
              last_checkpoint_time: lastCheckpoint?.toISOString() ?? null,
              checkpoint_count: countColumn(ctx, r.checkpoint_count, "checkpoint_count", invalid) ?? 0,
              timer_interval_minutes: interval ?? null,
            },
            metadata: { ...ownExtras(r, SCHEDULE_KNOWN), ...invalid },
          },
        },
      ],
    };
  },
};

export async function shortTermMemoryReaders(source: SqlSource, tables: readonly string[]): Promise<TableReader[]> {
  const readers: TableReader[] = [];
  for (const spec of [sessions(source, tables), decisions, issues, checkpoints, schedule]) {
    if (tables.includes(spec.table))
      readers.push(await aoTableReader(source, { ...spec, label: `session_state.db/${spec.table}` }));
  }
  return readers;
}
