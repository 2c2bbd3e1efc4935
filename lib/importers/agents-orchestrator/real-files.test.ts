// The real file state of claude-orchestrator (shared/seed-data/agents-orchestrator/orchestrate,
// a copy of its .orchestrate/ that dropped the dot): orchestrator_system's status, session and
// output files, and the tests/claude_background run (work log, signal, output). Imported in
// place from the read-only shared folder, then from a copy that changes the way the scripts
// change it. Expectations are computed from the files with plain JSON and fs reads.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { importOnce } from "../import-source";
import { STALE_AFTER_MS } from "./vocabulary";

const FOLDER = path.resolve(process.cwd(), "../shared/seed-data/agents-orchestrator");
const STATE = path.join(FOLDER, "orchestrate");

type R = Record<string, unknown>;
const json = (file: string) => JSON.parse(readFileSync(file, "utf8")) as R;

/** Every file under `dir` (relative, posix), with its mtime. */
function walk(dir: string, rel = ""): { rel: string; mtimeMs: number }[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? walk(dir, child) : [{ rel: child, mtimeMs: statSync(path.join(dir, child)).mtimeMs }];
  });
}

function setAllTimes(dir: string, at: Date): void {
  for (const f of walk(dir)) utimesSync(path.join(dir, f.rel), at, at);
}

describe.each(databaseKinds())("the real agents-orchestrator file state into %s", (kind) => {
  let t: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(STATE))
      throw new Error(`the example files are missing: ${STATE} (shared/ must sit beside the repository)`);
    t = await createTestDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), "ao-real-files-"));
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const where = async (slug: string) => ({ projectId: (await t.db.project.findUniqueOrThrow({ where: { slug } })).id });

  it("imports the read-only shared folder in place: one session for orchestrator_system, one per test run", async () => {
    const before = walk(STATE).map((f) => `${f.rel}:${f.mtimeMs}`);
    const lastSystem = Math.max(
      ...walk(STATE)
        .filter((f) => !f.rel.startsWith("tests/"))
        .map((f) => f.mtimeMs),
    );
    const staleBefore = Date.now() - lastSystem > STALE_AFTER_MS;
    const summary = await importOnce({
      db: t.db,
      system: "agents-orchestrator",
      location: FOLDER,
      projectSlug: "ao-real",
      options: { timeZone: "Europe/Berlin" },
    });
    expect(walk(STATE).map((f) => `${f.rel}:${f.mtimeMs}`)).toEqual(before);
    expect(summary.totals).toMatchObject({ rejected: 0, keptRaw: 0 });
    const w = await where("ao-real");
    const project = path.basename(FOLDER);
    const system = `orchestrate:${project}`;
    const test = `${system}:tests/claude_background`;

    // orchestrator_system: no end marker, so it ended iff its files went stale
    const files = walk(STATE);
    // the threshold may pass during the import: then either answer is right
    const stale =
      staleBefore === Date.now() - lastSystem > STALE_AFTER_MS
        ? staleBefore
        : (await t.db.session.findFirstOrThrow({ where: { ...w, externalId: system } })).status === "completed";
    const sessions = await t.db.session.findMany({ where: w, orderBy: { externalId: "asc" } });
    const signal = json(path.join(STATE, "tests/claude_background/signals/claude.signal"));
    expect(sessions.map((s) => [s.externalId, s.status, s.endedAt?.toISOString() ?? null])).toEqual([
      [system, stale ? "completed" : "running", stale ? new Date(lastSystem).toISOString() : null],
      // the wrapper's signal is the end marker
      [
        test,
        signal.completed === true ? "completed" : "running",
        signal.completed === true ? new Date(String(signal.timestamp)).toISOString() : null,
      ],
    ]);

    // agents: every one the files name, agent3 with only an output included
    const named = new Set(
      files
        .filter((f) => f.rel.startsWith("orchestrator_system/"))
        .map((f) => path.posix.basename(f.rel).replace(/(_latest|_session)?\.[^.]+$/, "")),
    );
    const agents = await t.db.agent.findMany({ where: w, orderBy: { externalId: "asc" } });
    expect(agents.map((a) => [a.externalId, a.placeholder])).toEqual([...named].sort().map((a) => [a, false]));

    // runs: one per status file, the work log and the signal
    const statuses = readdirSync(path.join(STATE, "orchestrator_system/status")).map((f) =>
      json(path.join(STATE, "orchestrator_system/status", f)),
    );
    const workLog = json(path.join(STATE, "tests/claude_background/work_log.json"));
    const runs = await t.db.run.findMany({ where: w, include: { session: true } });
    expect(runs).toHaveLength(statuses.length + 2);
    for (const s of statuses) {
      const run = runs.find((r) => r.externalId === `${system}:${String(s.agent)}:${String(s.started)}`)!;
      expect([run.status, run.sourceStatus, run.input]).toEqual(["completed", s.status, s.task]);
    }
    const items = workLog.completed_items as R[];
    const worker = runs.find((r) => r.externalId === `${test}:work_log`)!;
    expect([worker.status, worker.output]).toEqual([
      workLog.current_item === workLog.total_items ? "completed" : "running",
      items.at(-1)!.result,
    ]);
    const claude = runs.find((r) => r.externalId === `${test}:signal:claude`)!;
    expect([claude.status, claude.output]).toEqual([
      "completed",
      readFileSync(path.join(STATE, "tests/claude_background/outputs/claude_response.txt"), "utf8"),
    ]);
    expect(await t.db.event.count({ where: { ...w, kind: "work_item", session: { externalId: test } } })).toBe(
      items.length,
    );

    const outputs = files.filter((f) => /\/outputs\//.test(f.rel));
    const artifacts = await t.db.artifact.findMany({ where: w });
    expect(artifacts.map((a) => a.path).sort()).toEqual(outputs.map((f) => `.orchestrate/${f.rel}`).sort());

    const again = await importOnce({
      db: t.db,
      system: "agents-orchestrator",
      location: FOLDER,
      projectSlug: "ao-real",
      options: { timeZone: "Europe/Berlin" },
    });
    expect(again.totals.imported + again.totals.updated).toBe(0);
  });

  it("follows a copy as the scripts change it, merges copies on two machines and accepts .orchestrate/ itself", async () => {
    const machineA = path.join(dir, "a", "claude-orchestrator");
    const machineB = path.join(dir, "b", "claude-orchestrator");
    for (const root of [machineA, machineB]) {
      cpSync(STATE, path.join(root, ".orchestrate"), { recursive: true });
      // the dashboard's outputs (claude-orchestrator/.orchestrate/dashboard/outputs at 46c979e)
      mkdirSync(path.join(root, ".orchestrate", "dashboard", "outputs"), { recursive: true });
      writeFileSync(path.join(root, ".orchestrate", "dashboard", "outputs", "agent1.txt"), "4\n");
      setAllTimes(path.join(root, ".orchestrate"), new Date("2025-08-12T14:40:00Z"));
    }
    const request = (location: string) => ({
      db: t.db,
      system: "agents-orchestrator",
      location,
      projectSlug: "ao-copy",
      options: { timeZone: "UTC" },
    });
    const first = await importOnce(request(machineA));
    expect(first.totals.rejected).toBe(0);
    const w = await where("ao-copy");
    const counts = () =>
      Promise.all([
        t.db.session.count({ where: w }),
        t.db.run.count({ where: w }),
        t.db.artifact.count({ where: w }),
        t.db.agent.count({ where: w }),
        t.db.event.count({ where: w }),
      ]);
    const base = await counts();
    // the same project on another machine, and its .orchestrate/ given directly: the same records
    const b = await importOnce(request(machineB));
    expect(b.totals.rejected).toBe(0);
    expect(await counts()).toEqual(base);
    await importOnce(request(path.join(machineA, ".orchestrate")));
    expect(await counts()).toEqual(base);

    const system = "orchestrate:claude-orchestrator";
    const test = `${system}:tests/claude_background`;
    const session = async (id: string) => t.db.session.findFirstOrThrow({ where: { ...w, externalId: id } });
    // every file is old: both sessions ended
    expect((await session(system)).status).toBe("completed");
    expect((await session(test)).status).toBe("completed");
    expect(await t.db.artifact.count({ where: { ...w, type: "dashboard_output" } })).toBe(1);

    // launch_agent.py agent3 --background: a status file that stays `running`; the dashboard
    // appends; launch_test.sh clears the signal and output and the worker starts a new log
    const state = path.join(machineA, ".orchestrate");
    writeFileSync(
      path.join(state, "orchestrator_system/status/agent3.json"),
      JSON.stringify(
        {
          agent: "agent3",
          task: "Draw a dog",
          status: "running",
          started: "2026-12-07T10:00:00.000001",
          output_file: ".orchestrate/orchestrator_system/outputs/agent3_latest.txt",
        },
        null,
        2,
      ),
    );
    appendFileSync(path.join(state, "dashboard/outputs/agent1.txt"), "5\n");
    unlinkSync(path.join(state, "tests/claude_background/signals/claude.signal"));
    unlinkSync(path.join(state, "tests/claude_background/outputs/claude_response.txt"));
    const newItems = [1, 2, 3].map((n) => ({
      item: n,
      timestamp: `2026-12-07T10:00:0${n}.000001`,
      task: `Processing item ${n}`,
      result: `Item ${n} completed`,
    }));
    writeFileSync(
      path.join(state, "tests/claude_background/work_log.json"),
      JSON.stringify(
        { completed_items: newItems, current_item: 3, total_items: 20, timestamp: "2026-12-07T10:00:03.000002" },
        null,
        2,
      ),
    );

    // written within the stale threshold (times only move forward: the later stale pass is later)
    const written = Date.now() - STALE_AFTER_MS + 5 * 60_000;
    setAllTimes(state, new Date(written));
    const next = await importOnce(request(machineA));
    expect(next.unchanged).toBe(false);
    expect(next.totals.rejected).toBe(0);
    // fresh files: both sessions run again
    expect((await session(system)).status).toBe("running");
    expect((await session(test)).status).toBe("running");
    const agent3 = await t.db.run.findFirstOrThrow({
      where: { ...w, externalId: `${system}:agent3:2026-12-07T10:00:00.000001` },
    });
    expect([agent3.status, agent3.startedAt?.toISOString()]).toEqual(["running", "2026-12-07T10:00:00.000Z"]);
    expect((await t.db.artifact.findFirstOrThrow({ where: { ...w, type: "dashboard_output" } })).content).toBe(
      "4\n5\n",
    );
    const worker = await t.db.run.findFirstOrThrow({ where: { ...w, externalId: `${test}:work_log` } });
    expect([worker.status, worker.sourceStatus]).toEqual(["running", "running"]);
    const itemsBefore = (json(path.join(STATE, "tests/claude_background/work_log.json")).completed_items as R[]).length;
    expect(await t.db.event.count({ where: { ...w, kind: "work_item" } })).toBe(itemsBefore + newItems.length);
    // the deleted signal is recorded as deleted in the source
    expect(
      (await t.db.sourceRecord.findFirstOrThrow({ where: { ...w, table: "tests/signals" } })).deletedAt,
    ).not.toBeNull();

    // claude_wrapper.sh writes its signal: the test run's end marker
    mkdirSync(path.join(state, "tests/claude_background/signals"), { recursive: true });
    writeFileSync(
      path.join(state, "tests/claude_background/signals/claude.signal"),
      JSON.stringify({
        completed: true,
        timestamp: "2026-12-07T11:00:10+01:00",
        output_file: ".orchestrate/tests/claude_background/outputs/claude_response.txt",
      }),
    );
    await importOnce(request(machineA));
    expect(await session(test)).toMatchObject({ status: "completed" });
    expect((await session(test)).endedAt?.toISOString()).toBe("2026-12-07T10:00:10.000Z");

    // nothing changes for longer than the threshold (the last change moved back instead of the
    // clock forward); the background run's output predates its start, so it ran out of time
    setAllTimes(state, new Date(written - 10 * 60_000));
    const output = path.join(state, "orchestrator_system/outputs/agent3_latest.txt");
    utimesSync(output, new Date("2025-08-12T14:40:00Z"), new Date("2025-08-12T14:40:00Z"));
    await importOnce(request(machineA));
    expect((await session(system)).status).toBe("completed");
    const stale = await t.db.run.findFirstOrThrow({ where: { ...w, externalId: agent3.externalId } });
    expect([stale.status, stale.sourceStatus]).toEqual(["expired", "running"]);

    const settled = await counts();
    const again = await importOnce(request(machineA));
    expect(again.unchanged).toBe(true);
    expect(await counts()).toEqual(settled);
  });
});
