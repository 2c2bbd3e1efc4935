// A coordination database kept in PostgreSQL: timestamptz, jsonb, boolean, DATE and BIGINT
// columns arrive typed (Date, objects, booleans, text), not as SQLite's text.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";

const PG_DDL = `
CREATE TABLE workflow_mappings (beads_issue_id TEXT PRIMARY KEY, tempolite_workflow_id TEXT NOT NULL UNIQUE, workflow_type TEXT NOT NULL,
  status TEXT DEFAULT 'active', priority INTEGER DEFAULT 2, metadata JSONB, parent_workflow_id TEXT,
  created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now(), completed_at TIMESTAMPTZ);
CREATE TABLE agent_assignments (id BIGSERIAL PRIMARY KEY, workflow_id TEXT NOT NULL, agent_type TEXT NOT NULL, agent_id TEXT NOT NULL,
  step_number INTEGER DEFAULT 1, step_name TEXT, assigned_at TIMESTAMPTZ DEFAULT now(), started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ,
  status TEXT DEFAULT 'assigned', handoff_from TEXT, handoff_to TEXT);
CREATE TABLE workflow_results (id BIGSERIAL PRIMARY KEY, workflow_id TEXT NOT NULL, agent_type TEXT NOT NULL, result_type TEXT NOT NULL,
  result_data JSONB NOT NULL, confidence_score DOUBLE PRECISION, execution_time_ms BIGINT, artifacts JSONB, metadata JSONB, quality_score NUMERIC(4,2),
  created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE workflow_performance (id BIGSERIAL PRIMARY KEY, workflow_id TEXT NOT NULL, agent_type TEXT NOT NULL, step_name TEXT NOT NULL,
  start_time TIMESTAMPTZ NOT NULL, end_time TIMESTAMPTZ, duration_ms BIGINT, success BOOLEAN DEFAULT FALSE, error_message TEXT, memory_usage_mb INTEGER,
  cpu_usage_percent REAL, disk_io_bytes BIGINT, network_io_bytes BIGINT, resource_metadata JSONB, created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE workflow_analytics (id BIGSERIAL PRIMARY KEY, date DATE NOT NULL, workflow_type TEXT NOT NULL, agent_type TEXT NOT NULL,
  total_workflows INTEGER DEFAULT 0, successful_workflows INTEGER DEFAULT 0, failed_workflows INTEGER DEFAULT 0, avg_execution_time_ms BIGINT,
  avg_confidence_score REAL, total_agents_active INTEGER DEFAULT 0, system_load_avg REAL, created_at TIMESTAMPTZ DEFAULT now(),
  UNIQUE (date, workflow_type, agent_type));
CREATE TABLE workflow_templates (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT, workflow_type TEXT NOT NULL, template_def JSONB NOT NULL,
  agent_sequence JSONB NOT NULL, variables JSONB, version TEXT DEFAULT '1.0', is_active BOOLEAN DEFAULT TRUE, usage_count INTEGER DEFAULT 0,
  success_rate REAL DEFAULT 0.0, created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE agent_configurations (id TEXT PRIMARY KEY, agent_type TEXT NOT NULL, agent_id TEXT NOT NULL, configuration JSONB NOT NULL, capabilities JSONB,
  max_workload INTEGER DEFAULT 5, current_workload INTEGER DEFAULT 0, status TEXT DEFAULT 'active', last_heartbeat TIMESTAMPTZ DEFAULT now(),
  performance_metrics JSONB, created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now(), UNIQUE (agent_type, agent_id));

INSERT INTO workflow_mappings VALUES ('bd-pg1', 'wf-pg-1', 'research', 'completed', 1, '{"title":"PG workflow"}', NULL,
  '2026-01-10T09:00:00Z', '2026-01-10T10:00:00Z', '2026-01-10T10:00:00Z');
INSERT INTO agent_assignments (workflow_id, agent_type, agent_id, step_number, step_name, assigned_at, started_at, completed_at, status)
  VALUES ('wf-pg-1', 'research', 'research-agent-01', 1, 'research_libraries', '2026-01-10T09:00:00Z', '2026-01-10T10:01:00+01:00', '2026-01-10T09:30:00Z', 'completed');
INSERT INTO workflow_results (workflow_id, agent_type, result_type, result_data, confidence_score, execution_time_ms, artifacts, quality_score, created_at)
  VALUES ('wf-pg-1', 'research', 'findings', '{"recommended":"pgvector"}', 0.9, 1000, '["a.md"]', 8.5, '2026-01-10T09:30:00Z');
INSERT INTO workflow_performance (workflow_id, agent_type, step_name, start_time, end_time, duration_ms, success, memory_usage_mb, cpu_usage_percent, disk_io_bytes, network_io_bytes, resource_metadata)
  VALUES ('wf-pg-1', 'research', 'research_libraries', '2026-01-10T09:01:00Z', '2026-01-10T09:29:00Z', 1680000, TRUE, 256, 12.5, 1024, 2048, '{"host":"pg"}');
INSERT INTO workflow_analytics (date, workflow_type, agent_type, total_workflows, successful_workflows, failed_workflows, avg_execution_time_ms, avg_confidence_score, total_agents_active, system_load_avg)
  VALUES ('2026-01-09', 'research', 'research', 2, 2, 0, 1500000, 0.75, 3, 0.5);
INSERT INTO workflow_templates (id, name, workflow_type, template_def, agent_sequence, is_active, usage_count, success_rate)
  VALUES ('tpl-pg', 'pg-template', 'research', '{"steps":2}', '["research"]', TRUE, 3, 0.5);
INSERT INTO agent_configurations (id, agent_type, agent_id, configuration, capabilities, max_workload, current_workload, status, last_heartbeat, updated_at)
  VALUES ('cfg-pg', 'research', 'research-agent-01', '{"model":"gpt-4o"}', '["web_search"]', 4, 1, 'active', '2026-01-10T09:30:00Z', '2026-01-10T09:30:00Z');
`;

const SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!databaseKinds().includes("postgresql"))("beads coordination database in PostgreSQL", () => {
  const name = `beads_source_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const sourceUrl = url.toString();
  let target: TestDatabase;

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    const client = new pg.Client({ connectionString: sourceUrl });
    await client.connect();
    try {
      await client.query(PG_DDL);
    } finally {
      await client.end();
    }
    target = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await target?.drop();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("reads typed columns and imports them like SQLite's text", async () => {
    const request = { db: target.db, system: "beads", location: sourceUrl, projectSlug: "pg" };
    const summary = await importOnce(request);
    expect(summary.totals).toEqual({
      read: 7,
      imported: 7,
      updated: 0,
      skipped: 0,
      rejected: 0,
      keptRaw: 0,
      deleted: 0,
    });
    expect(summary.tables.flatMap((x) => Object.keys(x.issues))).toEqual([]);

    const session = await target.db.session.findFirstOrThrow({ where: { externalId: "wf-pg-1" } });
    expect(session).toMatchObject({
      title: "PG workflow",
      status: "completed",
      priority: 1,
      metadata: { metadata: { title: "PG workflow" } },
    });
    expect([session.startedAt.toISOString(), session.endedAt?.toISOString()]).toEqual([
      "2026-01-10T09:00:00.000Z",
      "2026-01-10T10:00:00.000Z",
    ]);
    const run = await target.db.run.findFirstOrThrow({ where: { externalId: "wf-pg-1:assignment:1" } });
    expect(run).toMatchObject({
      status: "completed",
      durationMs: 1_680_000,
      metadata: { started_at: "2026-01-10T09:01:00.000Z", success: true },
    });
    expect(await target.db.artifact.findFirstOrThrow({ where: { externalId: "wf-pg-1:result:1" } })).toMatchObject({
      runId: run.id,
      data: { recommended: "pgvector" },
      scores: { confidence: 0.9, quality: 8.5 },
      metadata: { artifacts: ["a.md"], execution_time_ms: 1000 },
    });
    const metrics = await target.db.metric.findMany({ orderBy: { name: "asc" } });
    expect(metrics).toHaveLength(12);
    expect(metrics.find((m) => m.name === "step_duration_ms")).toMatchObject({
      value: 1_680_000,
      runId: run.id,
      labels: { success: true, workflow_type: "research" },
    });
    expect(metrics.find((m) => m.name === "avg_confidence_score")).toMatchObject({
      value: 0.75,
      labels: { date: "2026-01-09" },
    });
    expect(metrics.find((m) => m.name === "avg_confidence_score")!.timestamp.toISOString()).toBe(
      "2026-01-09T00:00:00.000Z",
    );
    const agent = await target.db.agent.findFirstOrThrow({ where: { externalId: "research-agent-01" } });
    expect(agent).toMatchObject({
      config: { model: "gpt-4o" },
      capabilities: ["web_search"],
      maxWorkload: 4,
      currentWorkload: 1,
    });
    expect(agent.heartbeatAt?.toISOString()).toBe("2026-01-10T09:30:00.000Z");
    expect(
      (await target.db.config.findFirstOrThrow({ where: { key: "workflow_template:pg-template" } })).value,
    ).toMatchObject({ template_def: { steps: 2 }, is_active: true, usage_count: 3 });

    // unchanged: the change token skips the pass; without it every table is read, nothing sent again
    expect((await importOnce(request)).unchanged).toBe(true);
    for (const s of await target.db.importSource.findMany({ where: { system: "beads" } }))
      await target.db.importSource.update({
        where: { id: s.id },
        data: { state: { ...(s.state as Record<string, string>), token: "" } },
      });
    const again = await importOnce(request);
    expect(again.totals).toEqual({ read: 6, imported: 0, updated: 0, skipped: 6, rejected: 0, keptRaw: 0, deleted: 0 });
  });
});
