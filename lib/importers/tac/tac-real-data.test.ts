// The data TAC Bootstrap's own code wrote (../shared/seed-data/tac-bootstrap/real, see its
// SOURCES.md): the last SQLite orchestrator.db and a pg_dump of the current PostgreSQL model.
// Every expectation is computed from the data with SQL here, never typed in. The shared files
// are read-only: the SQLite file is copied, the dump is loaded into a database this test
// creates and drops.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { importOnce, watchImport } from "../import-source";
import { parseSourceTime } from "../map-context";
import type { PassSummary } from "../run-import";
import {
  TAC_AGENT_TYPES,
  TAC_EVENT_CATEGORIES,
  TAC_EVENT_TYPES,
  TAC_FREE_TEXT,
  TAC_IGNORED_TABLES,
  TAC_LOG_LEVELS,
  TAC_LOG_TYPES,
  TAC_PROMPT_TYPES,
  TAC_STATUSES,
  TAC_TABLES,
  tacStatus,
  type TacStatusColumn,
} from "./tac-vocabulary";

const REAL = path.resolve(process.cwd(), "../shared/seed-data/tac-bootstrap/real");
const REAL_DB = path.join(REAL, "orchestrator.db");
const REAL_DUMP = path.join(REAL, "tac-postgres-head.sql");
const PG_SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const HAS_PG = process.env.OBSERVATORY_TEST_PG === "1";

type Row = Record<string, unknown>;

/** A throwaway PostgreSQL database holding the dump, loaded by psql (it has \restrict). */
async function loadDump(): Promise<{ url: string; connection: pg.Client; drop: () => Promise<void> }> {
  const name = `tac_source_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: PG_SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = PG_SERVER.replace(/\/[^/]*$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  const drop = async () => {
    await client.end().catch(() => {});
    const a = new pg.Client({ connectionString: PG_SERVER });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  };
  try {
    execFileSync("psql", ["-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", REAL_DUMP], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    await client.connect();
  } catch (error) {
    await drop();
    throw error;
  }
  // the dump empties search_path for psql's session only; this one uses public
  return { url, connection: client, drop };
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const bucket = (column: TacStatusColumn, word: unknown) => tacStatus(column, String(word))?.status;

function countBy<T>(items: readonly T[], key: (t: T) => string | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    const k = key(i) ?? "null";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function tableCounts(summary: PassSummary): Record<string, number> {
  return Object.fromEntries(summary.tables.map((t) => [t.table, t.read]));
}

afterAll(() => {
  // the importer must never create -wal/-shm beside the read-only originals
  expect(readdirSync(REAL).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
});

describe("TAC vocabulary", () => {
  it("maps or deliberately keeps every word and table of the real SQLite database", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tac-vocab-"));
    copyFileSync(REAL_DB, path.join(dir, "orchestrator.db"));
    const db = new Database(path.join(dir, "orchestrator.db"), { readonly: true });
    const distinct = (sql: string) => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
    try {
      for (const v of distinct("SELECT DISTINCT status AS v FROM agents"))
        expect(TAC_STATUSES.sqliteAgent, v).toHaveProperty(v);
      for (const v of distinct("SELECT DISTINCT status AS v FROM prompts"))
        expect(TAC_STATUSES.sqlitePrompt, v).toHaveProperty(v);
      for (const v of distinct("SELECT DISTINCT status AS v FROM ai_developer_workflows"))
        expect(TAC_STATUSES.workflow, v).toHaveProperty(v);
      for (const v of distinct("SELECT DISTINCT log_type AS v FROM agent_logs")) expect(TAC_LOG_TYPES).toContain(v);
      for (const v of distinct(
        "SELECT DISTINCT log_level AS v FROM agent_logs UNION SELECT DISTINCT log_level FROM system_logs",
      ))
        expect(TAC_LOG_LEVELS).toContain(v.toLowerCase());
      for (const v of distinct("SELECT DISTINCT prompt_type AS v FROM prompts")) expect(TAC_PROMPT_TYPES).toContain(v);
      for (const v of distinct("SELECT DISTINCT agent_type AS v FROM orchestrator_agents"))
        expect(TAC_AGENT_TYPES).toContain(v);
      // kept raw on purpose: the writing module, adw_* phases included
      expect(distinct("SELECT DISTINCT component AS v FROM system_logs").some((c) => c.startsWith("adw_"))).toBe(true);
      expect(TAC_FREE_TEXT).toHaveProperty(["system_logs.component"]);
      for (const t of distinct("SELECT name AS v FROM sqlite_master WHERE type = 'table'")) {
        expect(t in TAC_TABLES.sqlite || (TAC_IGNORED_TABLES as readonly string[]).includes(t), t).toBe(true);
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!HAS_PG)("maps or deliberately keeps every word and table of the real PostgreSQL dump", async () => {
    const source = await loadDump();
    const distinct = async (sql: string) => (await source.connection.query<{ v: string }>(sql)).rows.map((r) => r.v);
    try {
      for (const v of await distinct(
        "SELECT DISTINCT status AS v FROM public.agents UNION SELECT DISTINCT status FROM public.orchestrator_agents",
      )) {
        expect(TAC_STATUSES.postgresAgent, v).toHaveProperty(v);
      }
      for (const v of await distinct("SELECT DISTINCT status AS v FROM public.ai_developer_workflows"))
        expect(TAC_STATUSES.workflow, v).toHaveProperty(v);
      for (const v of await distinct("SELECT DISTINCT event_type AS v FROM public.agent_logs"))
        expect(TAC_EVENT_TYPES, v).toHaveProperty(v);
      for (const v of await distinct("SELECT DISTINCT event_category AS v FROM public.agent_logs"))
        expect(TAC_EVENT_CATEGORIES).toContain(v);
      for (const v of await distinct("SELECT DISTINCT level AS v FROM public.system_logs"))
        expect(TAC_LOG_LEVELS).toContain(v.toLowerCase());
      expect(TAC_FREE_TEXT).toHaveProperty(["prompts.author"]);
      expect(TAC_FREE_TEXT).toHaveProperty(["orchestrator_chat.sender_type"]);
      for (const t of await distinct(
        "SELECT table_name AS v FROM information_schema.tables WHERE table_schema = 'public'",
      ))
        expect(TAC_TABLES.postgresql, t).toHaveProperty(t);
      // the one vocabulary for message blocks, whichever writer named them
      const blocks = await distinct(
        "SELECT DISTINCT event_type AS v FROM public.agent_logs WHERE event_category = 'response'",
      );
      for (const b of blocks.filter((v) => TAC_EVENT_TYPES[v]?.block)) {
        expect(["text", "thinking", "tool_use"]).toContain(TAC_EVENT_TYPES[b]!.block);
      }
    } finally {
      await source.drop();
    }
  });
});

describe.each(databaseKinds())("TAC real data into %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await ensureDefaultPrices(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  describe("the last SQLite orchestrator.db", () => {
    let dir: string;
    let file: string;
    let sql: Database.Database;
    const slug = "tac-real-sqlite";
    const projectWhere = async () => ({ projectId: (await t.db.project.findUniqueOrThrow({ where: { slug } })).id });
    const all = (q: string, ...params: unknown[]) => sql.prepare(q).all(...params) as Row[];
    const one = (q: string, ...params: unknown[]) => sql.prepare(q).get(...params) as Row;

    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "tac-real-"));
      file = path.join(dir, "orchestrator.db");
      copyFileSync(REAL_DB, file);
      sql = new Database(file);
    });
    afterAll(() => {
      sql.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("imports every table, with counts, tokens, statuses and times as the data has them", async () => {
      const summary = await importOnce({ db: t.db, system: "tac", location: file, projectSlug: slug });
      const n = (table: string) => Number(one(`SELECT count(*) AS n FROM ${table}`).n);
      const derived = Number(
        one(
          "SELECT count(DISTINCT session_id) AS n FROM agents WHERE session_id NOT IN (SELECT id FROM ai_developer_workflows UNION SELECT adw_name FROM ai_developer_workflows)",
        ).n,
      );
      expect(tableCounts(summary)).toEqual({
        orchestrator_agents: n("orchestrator_agents"),
        ai_developer_workflows: n("ai_developer_workflows"),
        sessions: derived,
        agents: n("agents"),
        prompts: n("prompts"),
        agent_logs: n("agent_logs"),
        system_logs: n("system_logs"),
        orchestrator_chat: n("orchestrator_chat"),
      });
      expect(summary.totals).toMatchObject({ rejected: 0, deleted: 0, read: summary.totals.imported });
      expect(summary.version).toMatch(/^SQLite model \(7 of 7 tables, with ADW workflows\)$/);
      // plain-text context, CSV capabilities and adw_* components are what the real code writes
      const issues = summary.tables.flatMap((x) => Object.keys(x.issues));
      expect(issues.filter((i) => /invalid JSON|unknown component|unknown/.test(i))).toEqual([]);

      const where = await projectWhere();
      // sessions: one per ADW id / session_id, none a placeholder
      const sessionIds = all("SELECT session_id AS id FROM agents UNION SELECT id FROM ai_developer_workflows").map(
        (r) => String(r.id),
      );
      const sessions = await t.db.session.findMany({ where });
      expect(sessions.map((s) => s.externalId).sort()).toEqual([...sessionIds].sort());
      expect(sessions.filter((s) => s.placeholder)).toEqual([]);

      // workflows: the source's status (kept raw), steps and times
      const bySession = new Map(sessions.map((s) => [s.externalId, s]));
      for (const w of all("SELECT * FROM ai_developer_workflows")) {
        const s = bySession.get(String(w.id))!;
        expect(s, String(w.id)).toMatchObject({
          status: bucket("workflow", w.status),
          sourceStatus: w.status,
          phase: w.current_step,
          kind: "adw",
        });
        expect(s.metadata).toMatchObject({
          workflowType: w.workflow_type,
          totalSteps: w.total_steps,
          completedSteps: w.completed_steps,
        });
        // a session starts at its workflow's start, or earlier when one of its agents did
        // (track_workflow_start replaces the sdlc row by the ship row of the same ADW id)
        expect(s.startedAt.getTime()).toBeLessThanOrEqual(parseSourceTime(w.started_at)!.getTime());
        expect(s.startedAt.getTime()).toBe(
          Math.min(
            parseSourceTime(w.started_at)!.getTime(),
            ...all("SELECT started_at FROM agents WHERE session_id = ?", w.id).map((a) =>
              parseSourceTime(a.started_at)!.getTime(),
            ),
          ),
        );
        expect(s.endedAt?.toISOString()).toBe(
          w.completed_at ? parseSourceTime(w.completed_at)!.toISOString() : undefined,
        );
      }
      // a workflow left in_progress after its build failed says so, with its agents' outcome beside it
      const stuck = all(
        `SELECT w.id FROM ai_developer_workflows w WHERE w.status = 'in_progress'
         AND EXISTS (SELECT 1 FROM agents a WHERE a.session_id = w.id AND a.status = 'failed')
         AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.session_id = w.id AND a.status IN ('initializing','planning','executing','reviewing'))`,
      );
      expect(stuck.length).toBeGreaterThan(0);
      for (const w of stuck)
        expect(bySession.get(String(w.id))).toMatchObject({
          sourceStatus: "in_progress",
          metadata: { statusFromAgents: "failed" },
        });

      // runs: every agent, raw word kept and counted in its canonical bucket
      const agents = all("SELECT * FROM agents");
      const runs = await t.db.run.findMany({ where });
      expect(countBy(runs, (r) => r.sourceStatus)).toEqual(countBy(agents, (a) => String(a.status)));
      expect(countBy(runs, (r) => r.status)).toEqual(countBy(agents, (a) => bucket("sqliteAgent", a.status)));
      const runById = new Map(runs.map((r) => [r.externalId, r]));
      for (const a of agents.filter((x) => typeof x.context === "string" && !/^[[{]/.test(x.context))) {
        expect((runById.get(String(a.id))!.metadata as Row).context).toBe(a.context);
      }
      const definitions = await t.db.agent.findMany({ where: { ...where, kind: "definition" } });
      for (const d of all(
        "SELECT id, capabilities FROM orchestrator_agents WHERE capabilities IS NOT NULL AND capabilities NOT LIKE '[%'",
      )) {
        expect(definitions.find((x) => x.externalId === d.id)!.capabilities).toEqual(String(d.capabilities).split(","));
      }

      // LLM calls: every token, their own times; a prompt still waiting reports no cost
      const calls = await t.db.llmCall.findMany({ where });
      const prompts = all("SELECT * FROM prompts");
      expect(calls).toHaveLength(prompts.length);
      const tokens = one("SELECT sum(tokens_input) AS i, sum(tokens_output) AS o FROM prompts");
      expect(calls.reduce((s, c) => s + c.inputTokens, 0)).toBe(tokens.i);
      expect(calls.reduce((s, c) => s + c.outputTokens, 0)).toBe(tokens.o);
      const callById = new Map(calls.map((c) => [c.externalId, c]));
      for (const p of prompts) {
        const c = callById.get(String(p.id))!;
        expect(c.startedAt.toISOString()).toBe(parseSourceTime(p.created_at)!.toISOString());
        expect(c.costSource, String(p.id)).toBe(
          ["pending", "streaming"].includes(String(p.status)) && !p.cost_usd ? "computed" : "reported",
        );
      }
      expect(prompts.some((p) => p.status === "pending")).toBe(true);

      // logs: every row, at its own time (both timestamp formats)
      const events = await t.db.event.findMany({ where });
      expect(events.filter((e) => e.component === "agent")).toHaveLength(n("agent_logs"));
      const systemLogs = events.filter((e) => e.kind === "system");
      expect(systemLogs).toHaveLength(n("system_logs"));
      expect(new Set(systemLogs.map((e) => e.component))).toEqual(
        new Set(all("SELECT DISTINCT component AS c FROM system_logs").map((r) => r.c)),
      );
      const times = new Set(
        all("SELECT created_at AS t FROM agent_logs UNION ALL SELECT created_at FROM system_logs").map((r) =>
          parseSourceTime(r.t)!.toISOString(),
        ),
      );
      for (const e of events) expect(times.has(e.timestamp.toISOString())).toBe(true);
    });

    it("imports again without changing anything", async () => {
      const where = await projectWhere();
      const counts = () =>
        Promise.all([
          t.db.session.count({ where }),
          t.db.run.count({ where }),
          t.db.llmCall.count({ where }),
          t.db.event.count({ where }),
          t.db.message.count({ where }),
        ]);
      const before = await counts();
      const again = await importOnce({ db: t.db, system: "tac", location: file, projectSlug: slug });
      expect(again.totals).toMatchObject({ imported: 0, updated: 0, rejected: 0 });
      // without the saved state every row is read again and nothing is stored twice
      await t.db.importSource.deleteMany({ where });
      const fresh = await importOnce({ db: t.db, system: "tac", location: file, projectSlug: slug });
      expect(fresh.totals).toMatchObject({ imported: 0, updated: 0, rejected: 0 });
      expect(await counts()).toEqual(before);
    });

    it("follows in-place status changes, inserts and deletes on the next pass", async () => {
      const where = await projectWhere();
      const controller = new AbortController();
      const watching = watchImport({
        db: t.db,
        system: "tac",
        location: file,
        projectSlug: slug,
        intervalMs: 100,
        signal: controller.signal,
        onPass: () => {},
      });
      await new Promise((r) => setTimeout(r, 300));
      // what the ADW scripts and the CRUD API do
      const stuck = one("SELECT id FROM ai_developer_workflows WHERE status = 'in_progress' ORDER BY id LIMIT 1");
      // the ADW agent the bridge could not mark paused
      const paused = one(
        "SELECT id, started_at FROM agents WHERE status = 'executing' AND orchestrator_agent_id = 'adw-orchestrator' ORDER BY id LIMIT 1",
      );
      const pending = one("SELECT id FROM prompts WHERE status = 'pending' LIMIT 1");
      sql
        .transaction(() => {
          sql
            .prepare("UPDATE ai_developer_workflows SET status = 'cancelled', completed_at = ? WHERE id = ?")
            .run("2026-02-08T10:00:00.000001", stuck.id);
          sql
            .prepare("UPDATE agents SET status = 'completed', completed_at = datetime(?, '+5 minutes') WHERE id = ?")
            .run(paused.started_at, paused.id);
          sql
            .prepare(
              "INSERT OR REPLACE INTO ai_developer_workflows (id, adw_name, workflow_type, status, current_step, total_steps, started_at, created_at) VALUES (?, ?, 'sdlc', 'in_progress', 'plan', 5, ?, ?)",
            )
            .run("f00dcafe", "f00dcafe", "2026-02-08T11:00:00.000100", "2026-02-08T11:00:00.000100");
          sql
            .prepare(
              "INSERT INTO agents (id, orchestrator_agent_id, session_id, status, context, started_at) VALUES (?, 'adw-orchestrator', 'f00dcafe', 'executing', 'adw_plan_iso', ?)",
            )
            .run("11111111-2222-3333-4444-555555555555", "2026-02-08T11:00:01.000200");
          sql
            .prepare(
              "INSERT INTO agent_logs (agent_id, log_level, log_type, message, created_at) VALUES (?, 'INFO', 'state_change', 'Agent adw_plan_iso started (ADW: f00dcafe)', ?)",
            )
            .run("11111111-2222-3333-4444-555555555555", "2026-02-08T11:00:01.000200");
          sql
            .prepare(
              "INSERT INTO system_logs (log_level, component, message, created_at) VALUES ('INFO', 'adw_plan_iso', 'Plan phase started for f00dcafe', datetime('now'))",
            )
            .run();
          sql
            .prepare(
              "INSERT INTO orchestrator_chat (id, orchestrator_agent_id, sender_type, receiver_type, message, agent_id) VALUES ('chat-1', 'adw-orchestrator', 'user', 'agent', 'How is f00dcafe going?', ?)",
            )
            .run("11111111-2222-3333-4444-555555555555");
          sql
            .prepare(
              "INSERT INTO orchestrator_chat (id, orchestrator_agent_id, sender_type, receiver_type, message) VALUES ('chat-2', 'adw-orchestrator', 'user', 'orchestrator', 'Anything stuck?')",
            )
            .run();
          sql.prepare("DELETE FROM prompts WHERE id = ?").run(pending.id);
        })
        .immediate();

      const changed = until("every change", async () => {
        const [s, run, fresh, log, sys, msg, gone] = await Promise.all([
          t.db.session.findFirst({ where: { ...where, externalId: String(stuck.id) } }),
          t.db.run.findFirst({ where: { ...where, externalId: String(paused.id) } }),
          t.db.session.findFirst({ where: { ...where, externalId: "f00dcafe" } }),
          t.db.event.count({ where: { ...where, message: "Agent adw_plan_iso started (ADW: f00dcafe)" } }),
          t.db.event.count({ where: { ...where, message: "Plan phase started for f00dcafe" } }),
          t.db.message.count({ where: { ...where, externalId: { in: ["chat-1", "chat-2"] } } }),
          t.db.sourceRecord.count({
            where: { ...where, table: "prompts", rowKey: String(pending.id), deletedAt: { not: null } },
          }),
        ]);
        return (
          s?.status === "cancelled" &&
          run?.status === "completed" &&
          fresh?.status === "running" &&
          log === 1 &&
          sys === 1 &&
          msg === 2 &&
          gone === 1
        );
      });
      await changed.finally(async () => {
        controller.abort();
        await watching;
      });
      const fresh = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: "f00dcafe" } });
      expect(fresh).toMatchObject({ sourceStatus: "in_progress", phase: "plan", placeholder: false });
      expect(await t.db.run.count({ where: { ...where, sessionId: fresh.id } })).toBe(1);
      const message = await t.db.message.findFirstOrThrow({ where: { ...where, externalId: "chat-1" } });
      expect(message).toMatchObject({ sessionId: fresh.id, fromAgent: "user", content: "How is f00dcafe going?" });
      // a chat with the orchestrator itself is the orchestrator's chat, whose status TAC does not keep
      const chat = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: "chat:adw-orchestrator" } });
      expect(chat).toMatchObject({ kind: "chat", status: "unknown", placeholder: false });
      expect(await t.db.message.findFirstOrThrow({ where: { ...where, externalId: "chat-2" } })).toMatchObject({
        sessionId: chat.id,
        toAgent: "orchestrator",
      });
    });

    it("shows a status that returns to an earlier value, every time it does", async () => {
      const row = one("SELECT id, status, completed_at FROM ai_developer_workflows WHERE status = 'completed' LIMIT 1");
      const setStatus = (status: unknown, completedAt: unknown) =>
        sql
          .prepare("UPDATE ai_developer_workflows SET status = ?, completed_at = ? WHERE id = ?")
          .run(status, completedAt, row.id);
      const statusAfterPass = async () => {
        await importOnce({ db: t.db, system: "tac", location: file, projectSlug: slug });
        const where = { ...(await projectWhere()), externalId: String(row.id) };
        return (await t.db.session.findFirstOrThrow({ where })).sourceStatus;
      };
      expect(await statusAfterPass()).toBe("completed");
      // failed, back to exactly the row it was, and the same cycle once more: each pass shows the row as it is
      for (let cycle = 0; cycle < 2; cycle++) {
        setStatus("failed", "2026-02-09T10:00:00.000001");
        expect(await statusAfterPass()).toBe("failed");
        setStatus(row.status, row.completed_at);
        expect(await statusAfterPass()).toBe("completed");
      }
    });
  });

  describe.skipIf(!HAS_PG)("the current PostgreSQL model (pg_dump)", () => {
    let source: Awaited<ReturnType<typeof loadDump>>;
    const slug = "tac-real-pg";
    const q = async (text: string, params: unknown[] = []) =>
      (await source.connection.query(text, params)).rows as Row[];
    const projectWhere = async () => ({ projectId: (await t.db.project.findUniqueOrThrow({ where: { slug } })).id });

    beforeAll(async () => {
      source = await loadDump();
      await source.connection.query("SET search_path = public");
    });
    afterAll(async () => {
      await source?.drop();
    });

    it("imports orchestrators and ADWs as sessions, every token, log and message", async () => {
      const summary = await importOnce({ db: t.db, system: "tac", location: source.url, projectSlug: slug });
      const n = async (table: string) => Number((await q(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      const tables = Object.keys(TAC_TABLES.postgresql);
      const expected: Record<string, number> = {};
      for (const x of tables) expected[x] = await n(x);
      expect(tableCounts(summary)).toEqual(expected);
      expect(summary.totals).toMatchObject({ rejected: 0, keptRaw: 0, read: summary.totals.imported });
      expect(summary.version).toMatch(/^PostgreSQL model/);
      expect(summary.tables.flatMap((x) => Object.keys(x.issues))).toEqual([]);
      const where = await projectWhere();

      // sessions: one per orchestrator and one per ADW (a child of its orchestrator), no others
      const orchestrators = await q("SELECT * FROM orchestrator_agents");
      const workflows = await q("SELECT * FROM ai_developer_workflows");
      const sessions = await t.db.session.findMany({ where });
      expect(sessions.map((s) => s.externalId).sort()).toEqual(
        [...orchestrators, ...workflows].map((r) => String(r.id)).sort(),
      );
      expect(sessions.filter((s) => s.placeholder)).toEqual([]);
      const byExternal = new Map(sessions.map((s) => [s.externalId, s]));
      const byInternal = new Map(sessions.map((s) => [s.id, s]));
      for (const o of orchestrators)
        expect(byExternal.get(String(o.id))).toMatchObject({
          kind: "orchestrator",
          status: bucket("postgresAgent", o.status),
          sourceStatus: o.status,
        });
      for (const w of workflows) {
        const s = byExternal.get(String(w.id))!;
        expect(s).toMatchObject({
          kind: "adw",
          status: bucket("workflow", w.status),
          sourceStatus: w.status,
          phase: w.current_step,
        });
        expect(byInternal.get(s.parentSessionId!)?.externalId).toBe(w.orchestrator_agent_id);
        // its start, or the time of its first log when that came earlier (the row is created first)
        expect(s.startedAt.getTime()).toBeLessThanOrEqual((w.started_at as Date).getTime());
        expect(s.startedAt.getTime()).toBeGreaterThanOrEqual((w.created_at as Date).getTime());
      }

      // every input and output token the agents and orchestrators recorded, once
      const [tokens] = await q(
        "SELECT (SELECT sum(input_tokens) FROM agents) + (SELECT sum(input_tokens) FROM orchestrator_agents) AS i, (SELECT sum(output_tokens) FROM agents) + (SELECT sum(output_tokens) FROM orchestrator_agents) AS o, (SELECT sum(total_cost) FROM agents) + (SELECT sum(total_cost) FROM orchestrator_agents) AS c",
      );
      const calls = await t.db.llmCall.findMany({ where });
      expect(calls.reduce((s, c) => s + c.inputTokens, 0)).toBe(Number(tokens!.i));
      expect(calls.reduce((s, c) => s + c.outputTokens, 0)).toBe(Number(tokens!.o));
      expect(calls.reduce((s, c) => s + (c.costUsd ?? 0), 0)).toBeCloseTo(Number(tokens!.c), 6);
      expect(sessions.reduce((s, x) => s + x.totalTokens, 0)).toBe(Number(tokens!.i) + Number(tokens!.o));

      // agents: runs in their ADW's session (matched by adw_id) or their orchestrator's; blocked is failed, the word kept
      const agents = await q(
        `SELECT a.*, COALESCE((SELECT w.id::text FROM ai_developer_workflows w WHERE w.id::text = a.adw_id OR w.adw_name = a.adw_id LIMIT 1), a.orchestrator_agent_id::text) AS expected_session FROM agents a`,
      );
      const runs = await t.db.run.findMany({ where });
      expect(runs).toHaveLength(agents.length);
      const runById = new Map(runs.map((r) => [r.externalId, r]));
      for (const a of agents) {
        const r = runById.get(String(a.id))!;
        expect(byInternal.get(r.sessionId)?.externalId, String(a.name)).toBe(a.expected_session);
        expect(r).toMatchObject({
          status: bucket("postgresAgent", a.status),
          sourceStatus: a.status,
          reportedTokens: Number(a.input_tokens) + Number(a.output_tokens),
        });
      }
      expect(countBy(runs, (r) => r.status)).toEqual(countBy(agents, (a) => bucket("postgresAgent", a.status)));
      expect(runs.filter((r) => r.sourceStatus === "blocked").every((r) => r.status === "failed")).toBe(true);
      expect(runs.some((r) => r.sourceStatus === "blocked")).toBe(true);

      // every agent log, message blocks with their text, at its own time
      const logs = await q(
        `SELECT id::text AS id, event_type, "timestamp", COALESCE(NULLIF(content, ''), payload->>'text', payload->>'thinking', '[Tool] ' || (payload->>'tool_name')) AS text FROM agent_logs`,
      );
      const events = await t.db.event.findMany({ where });
      const eventByRow = new Map(events.map((e) => [e.externalId.split(":")[2], e]));
      for (const l of logs) {
        const e = eventByRow.get(String(l.id));
        expect(e, String(l.id)).toBeDefined();
        expect(e!.message).toBe(l.text);
        expect(e!.message).not.toBe("");
        expect(e!.kind).toBe(TAC_EVENT_TYPES[String(l.event_type)]!.kind);
        expect(e!.timestamp.toISOString()).toBe((l.timestamp as Date).toISOString());
      }
      const blocks = await q(
        "SELECT event_type, count(*)::int AS n FROM agent_logs WHERE event_category = 'response' AND event_type NOT IN ('result') GROUP BY 1",
      );
      const expectedBlocks: Record<string, number> = {};
      for (const b of blocks)
        expectedBlocks[TAC_EVENT_TYPES[String(b.event_type)]!.kind] =
          (expectedBlocks[TAC_EVENT_TYPES[String(b.event_type)]!.kind] ?? 0) + Number(b.n);
      expect(
        countBy(
          events.filter((e) => e.component === "response" && e.kind !== "result"),
          (e) => e.kind,
        ),
      ).toEqual(expectedBlocks);
      const systemLogs = await q('SELECT id::text AS id, "timestamp" FROM system_logs');
      for (const l of systemLogs)
        expect(eventByRow.get(String(l.id))?.timestamp.toISOString()).toBe((l.timestamp as Date).toISOString());
      expect(events).toHaveLength(logs.length + systemLogs.length);

      // prompts and chat are messages at their own times (zero-token prompts too)
      const messages = await t.db.message.findMany({ where });
      const prompts = await q(
        'SELECT id::text AS id, "timestamp" AS at, prompt_text AS content FROM prompts UNION ALL SELECT id::text, created_at, message FROM orchestrator_chat',
      );
      expect(messages.map((m) => [m.externalId, m.timestamp.toISOString(), m.content]).sort()).toEqual(
        prompts.map((p) => [p.id, (p.at as Date).toISOString(), p.content]).sort(),
      );
    });

    it("imports again without changing anything", async () => {
      const where = await projectWhere();
      const counts = () =>
        Promise.all([
          t.db.session.count({ where }),
          t.db.run.count({ where }),
          t.db.llmCall.count({ where }),
          t.db.event.count({ where }),
          t.db.message.count({ where }),
        ]);
      const before = await counts();
      const again = await importOnce({ db: t.db, system: "tac", location: source.url, projectSlug: slug });
      expect(again.unchanged).toBe(true);
      await t.db.importSource.deleteMany({ where });
      const fresh = await importOnce({ db: t.db, system: "tac", location: source.url, projectSlug: slug });
      expect(fresh.totals).toMatchObject({ imported: 0, updated: 0, rejected: 0 });
      expect(await counts()).toEqual(before);
    });

    it("follows status updates in place, an insert into each table and a delete on the next pass", async () => {
      const where = await projectWhere();
      const controller = new AbortController();
      const watching = watchImport({
        db: t.db,
        system: "tac",
        location: source.url,
        projectSlug: slug,
        intervalMs: 100,
        signal: controller.signal,
        onPass: () => {},
      });
      await new Promise((r) => setTimeout(r, 300));
      const [running] = await q(
        "SELECT id::text AS id FROM ai_developer_workflows WHERE status = 'in_progress' LIMIT 1",
      );
      const [idle] = await q("SELECT id::text AS id FROM agents WHERE status = 'idle' LIMIT 1");
      // what the backend, the ADW workflows and the bridge write, in their order
      await source.connection.query("BEGIN");
      await source.connection.query(
        "UPDATE ai_developer_workflows SET status = 'failed', error_message = 'tests failing', completed_at = now() WHERE id = $1",
        [running!.id],
      );
      await source.connection.query("UPDATE agents SET status = 'executing' WHERE id = $1", [idle!.id]);
      const [orch] = (
        await source.connection.query(
          "INSERT INTO orchestrator_agents (session_id, status, working_dir, input_tokens, output_tokens, total_cost) VALUES ('claude-new', 'executing', '/Users/dev/projects/acme-api', 1000, 50, 0.01) RETURNING id::text AS id",
        )
      ).rows as Row[];
      const [wf] = (
        await source.connection.query(
          "INSERT INTO ai_developer_workflows (orchestrator_agent_id, adw_name, workflow_type, status, current_step, started_at) VALUES ($1, 'new-adw', 'plan_build_review', 'in_progress', 'plan', now()) RETURNING id::text AS id",
          [orch!.id],
        )
      ).rows as Row[];
      const [agent] = (
        await source.connection.query(
          "INSERT INTO agents (orchestrator_agent_id, name, model, status, adw_id, adw_step, input_tokens, output_tokens) VALUES ($1, 'plan-new', 'claude-sonnet-4-5-20250929', 'executing', $2, 'plan', 700, 30) RETURNING id::text AS id",
          [orch!.id, wf!.id],
        )
      ).rows as Row[];
      await source.connection.query(
        "INSERT INTO prompts (agent_id, author, prompt_text) VALUES ($1, 'engineer', 'Plan the new thing')",
        [agent!.id],
      );
      await source.connection.query(
        "INSERT INTO orchestrator_chat (orchestrator_agent_id, sender_type, receiver_type, message) VALUES ($1, 'user', 'orchestrator', 'Start the new ADW')",
        [orch!.id],
      );
      await source.connection.query(
        "INSERT INTO agent_logs (agent_id, event_category, event_type, payload) VALUES ($1, 'response', 'TextBlock', '{\"text\": \"Planning the new thing.\"}')",
        [agent!.id],
      );
      await source.connection.query(
        "INSERT INTO system_logs (adw_id, level, message) VALUES ($1, 'INFO', 'Workflow started: new-adw')",
        [wf!.id],
      );
      const [gone] = (
        await source.connection.query(
          "DELETE FROM orchestrator_chat WHERE id = (SELECT id FROM orchestrator_chat ORDER BY created_at LIMIT 1) RETURNING id::text AS id",
        )
      ).rows as Row[];
      await source.connection.query("COMMIT");

      const changed = until("every change", async () => {
        const [failed, exec, o, w, run, prompt, chat, log, sys, deleted] = await Promise.all([
          t.db.session.findFirst({ where: { ...where, externalId: running!.id as string } }),
          t.db.run.findFirst({ where: { ...where, externalId: idle!.id as string } }),
          t.db.session.findFirst({ where: { ...where, externalId: orch!.id as string } }),
          t.db.session.findFirst({ where: { ...where, externalId: wf!.id as string } }),
          t.db.run.findFirst({ where: { ...where, externalId: agent!.id as string } }),
          t.db.message.count({ where: { ...where, content: "Plan the new thing" } }),
          t.db.message.count({ where: { ...where, content: "Start the new ADW" } }),
          t.db.event.count({ where: { ...where, message: "Planning the new thing." } }),
          t.db.event.count({ where: { ...where, message: "Workflow started: new-adw" } }),
          t.db.sourceRecord.count({
            where: { ...where, table: "orchestrator_chat", rowKey: gone!.id as string, deletedAt: { not: null } },
          }),
        ]);
        return (
          failed?.status === "failed" &&
          exec?.status === "running" &&
          o?.status === "running" &&
          w?.status === "running" &&
          run !== null &&
          prompt === 1 &&
          chat === 1 &&
          log === 1 &&
          sys === 1 &&
          deleted === 1
        );
      });
      await changed.finally(async () => {
        controller.abort();
        await watching;
      });
      const w = await t.db.session.findFirstOrThrow({ where: { ...where, externalId: wf!.id as string } });
      const run = await t.db.run.findFirstOrThrow({ where: { ...where, externalId: agent!.id as string } });
      expect(run.sessionId).toBe(w.id);
      const log = await t.db.event.findFirstOrThrow({ where: { ...where, message: "Planning the new thing." } });
      expect(log).toMatchObject({ sessionId: w.id, runId: run.id, kind: "text" });
      const sys = await t.db.event.findFirstOrThrow({ where: { ...where, message: "Workflow started: new-adw" } });
      expect(sys.sessionId).toBe(w.id);
      const [tokens] = await q(
        "SELECT (SELECT sum(input_tokens) FROM agents) + (SELECT sum(input_tokens) FROM orchestrator_agents) AS i",
      );
      const calls = await t.db.llmCall.findMany({ where });
      expect(calls.reduce((s, c) => s + c.inputTokens, 0)).toBe(Number(tokens!.i));
    });

    it("keeps a table the mapping does not know as raw records, visible in the summary", async () => {
      const where = await projectWhere();
      await source.connection.query(
        "CREATE TABLE adw_notes (id serial PRIMARY KEY, note text, created_at timestamptz DEFAULT now())",
      );
      await source.connection.query("INSERT INTO adw_notes (note) VALUES ('first'), ('second')");
      const summary = await importOnce({ db: t.db, system: "tac", location: source.url, projectSlug: slug });
      const rows = await q("SELECT id, note FROM adw_notes ORDER BY id");
      expect(summary.tables.find((x) => x.table === "adw_notes")).toMatchObject({
        read: rows.length,
        keptRaw: rows.length,
        rejected: 0,
      });
      const records = await t.db.sourceRecord.findMany({
        where: { ...where, table: "adw_notes" },
        orderBy: { rowKey: "asc" },
      });
      expect(records.map((r) => [r.rowKey, r.reason, (r.data as Row).note])).toEqual(
        rows.map((r) => [String(r.id), "unmapped table", r.note]),
      );
      await source.connection.query("DROP TABLE adw_notes");
    });
  });
});

// the copy is private: nothing is ever opened beside the original
if (existsSync(`${REAL_DB}-wal`)) throw new Error(`${REAL_DB}-wal exists: delete it and report it`);
