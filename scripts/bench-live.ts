// npm run bench:live -- [--systems bazinga,tac,studio,agents-orchestrator,beads] [--changes 10]
//   [--rows 100000] [--idle-seconds 30] [--db sqlite|postgres] [--json]
//
// Live lag from a watched source (issue 19 §1). For each orchestrator, one source is followed
// two ways at once, into two projects of one app database: registered in Settings → Sources
// (followed by a production server) and by `import --watch` in its own process. The script
// then writes to the source the way the orchestrator does (plain SQL through its driver, or a
// line appended to a file), one change at a time at a random moment of the poll interval, and
// times until each path shows it through the read API (/api/v1, with the project's key) and
// until an open session page's live stream (/api/live, signed in) delivers it. Last, with the
// source unchanged, it measures what the polling costs: the CPU of the server, of the
// `import --watch` process and of the PostgreSQL backends serving the source.
// Figures only; intervals are the product's defaults.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Db } from "../lib/db/client";
import type { LiveChange } from "../lib/live/live-change";
import { SYSTEMS, type SystemName } from "../lib/importers/types";
import { createLiveSource, type Change, type ChangeKind, type LiveSource, type View } from "./lib/live-sources";
import {
  databaseKindArg,
  ensureBuild,
  freshDatabaseUrl,
  pgServer,
  prepareProject,
  root,
  signalGroup,
  startServer,
  stopServer,
  waitForGroupExit,
  waitForHealth,
  type ServerHandle,
} from "./lib/server-harness";
import { percentile } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    systems: { type: "string", default: SYSTEMS.join(",") },
    changes: { type: "string", default: "10" },
    rows: { type: "string", default: "100000" },
    "idle-seconds": { type: "string", default: "30" },
    db: { type: "string", default: "sqlite" },
    port: { type: "string", default: "3297" },
    json: { type: "boolean", default: false },
  },
});
const systems = args.systems.split(",").map((s) => {
  if (!(SYSTEMS as readonly string[]).includes(s)) throw new Error(`--systems: unknown system "${s}"`);
  return s as SystemName;
});
const changesPerKind = Number(args.changes);
const bigRows = Number(args.rows);
const idleSeconds = Number(args["idle-seconds"]);
const kind = databaseKindArg(args.db);
const log = (m: string) => console.error(`[live] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TIMEOUT_MS = 10_000;
const POLL_MS = 50;
const CLK_TCK = 100;

type PathName = "ui source" | "import --watch";
type Target = { path: PathName; projectId: string; key: string; cookie: string };
type Idle = {
  system: SystemName;
  table: string;
  rows: number;
  /** seconds, server's follower and import --watch */
  firstPass: [number, number];
  followingServerPct: number;
  plainServerPct: number;
  cliPct: number;
  pgPct?: number;
};
/** `via`: read through /api/v1, or (rows the read API has no resource for) from the app database */
type Sample = {
  system: SystemName;
  kind: ChangeKind;
  path: PathName;
  via: "API" | "stored";
  api?: number;
  live?: number;
};

// --- the read API and the live stream --------------------------------------------------------

async function view(base: string, key: string, sessionId: string): Promise<View> {
  const headers = { authorization: `Bearer ${key}` };
  const id = encodeURIComponent(sessionId);
  const detailRes = await fetch(`${base}/api/v1/sessions/${id}`, { headers });
  if (detailRes.status === 404) {
    await detailRes.body?.cancel();
    return { detail: null, events: [] };
  }
  if (!detailRes.ok) throw new Error(`GET session answered ${detailRes.status}`);
  const detail = (await detailRes.json()) as View["detail"];
  const eventsRes = await fetch(`${base}/api/v1/sessions/${id}/events?limit=1000`, { headers });
  if (!eventsRes.ok) throw new Error(`GET events answered ${eventsRes.status}`);
  const events = ((await eventsRes.json()) as { data: View["events"] }).data.map((e) => ({
    id: e.id,
    message: e.message,
    details: e.details,
  }));
  return { detail, events };
}

type Received = { at: number; change: LiveChange };

/** One open /api/live connection, as a session page holds it; every `change` event is kept. */
type LiveStream = { received: Received[]; close: () => void };

async function openLiveStream(base: string, cookie: string): Promise<LiveStream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/live`, { headers: { cookie }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`/api/live answered ${res.status}`);
  const received: Received[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ready: () => void = () => {};
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === "ready") ready();
          if (event === "change" && data)
            received.push({ at: performance.now(), change: JSON.parse(data) as LiveChange });
        }
      }
    } catch {
      // closed
    }
  })();
  await isReady;
  return { received, close: () => controller.abort() };
}

/** Whether a change event tells the page about this session (as the page decides). */
function concerns(change: LiveChange, target: Target, sessionId: string): boolean {
  // a resync (no project) reloads every page: how another process's commits reach a page on SQLite
  if (change.projectId !== null && change.projectId !== target.projectId) return false;
  return change.sessionIds === null || change.sessionIds.includes(sessionId);
}

// --- CPU of processes ------------------------------------------------------------------------

function pidsOfGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid) pids.push(Number(pid));
    } catch {
      // ended
    }
  }
  return pids;
}

/** utime + stime of the processes, in seconds. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended
    }
  }
  return ticks / CLK_TCK;
}

async function backendPids(databases: string[]): Promise<number[]> {
  if (databases.length === 0) return [];
  const client = new pg.Client({ connectionString: pgServer });
  await client.connect();
  try {
    const r = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = ANY($1)", [
      databases,
    ]);
    return r.rows.map((x) => x.pid);
  } finally {
    await client.end();
  }
}

// --- the two followers -----------------------------------------------------------------------

type Watcher = { pgid: number; exited: () => boolean; stop: () => Promise<void> };

function startImportWatch(url: string, source: LiveSource, logFile: string): Watcher {
  const out = openSync(logFile, "a");
  const child = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    [
      "--conditions=react-server",
      "lib/cli/main.ts",
      "import",
      source.system,
      source.location,
      "--project",
      "live",
      "--watch",
      "--json",
    ],
    { cwd: root, detached: true, stdio: ["ignore", out, out], env: { ...process.env, DATABASE_URL: url } },
  );
  closeSync(out);
  const pgid = child.pid!;
  let exited = false;
  child.on("exit", () => (exited = true));
  return {
    pgid,
    exited: () => exited,
    async stop() {
      signalGroup(pgid, "SIGTERM");
      await waitForGroupExit(pgid, 20_000).catch(async () => {
        signalGroup(pgid, "SIGKILL");
        await waitForGroupExit(pgid);
      });
    },
  };
}

type PathSetup = Target & { db: Db; server?: ServerHandle; base: string; stream?: LiveStream; url: string };

/** A fresh app database with a project, its API key and a signed-in viewer's cookie. */
async function preparePath(name: "live-ui" | "live-cli", p: PathName): Promise<PathSetup> {
  const { createDb, overrideDbForTests } = await import("../lib/db/client");
  const { parseDatabaseUrl } = await import("../lib/db/database-url");
  const { createUser } = await import("../lib/auth/users");
  const { getAuth } = await import("../lib/auth/auth");
  const url = await freshDatabaseUrl(kind, name);
  const { projectId, key } = await prepareProject(url, "live");
  const client = createDb(parseDatabaseUrl(url));
  const user = { email: "live@bench.local", name: "Live bench", password: "live bench password 1" };
  await createUser(client, { ...user, role: "viewer" }, { type: "system", name: "bench:live" });
  overrideDbForTests({ db: client, kind });
  try {
    const signIn = await (
      await getAuth()
    ).api.signInEmail({
      body: { email: user.email, password: user.password },
      asResponse: true,
    });
    // signed in here (not NODE_ENV=production): the production server reads better-auth's
    // cookies under their __Secure- names
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => `__Secure-${c.split(";")[0]!}`)
      .join("; ");
    return { path: p, projectId, key, db: client, base: "", url, cookie };
  } finally {
    overrideDbForTests(undefined);
  }
}

async function main(): Promise<void> {
  await ensureBuild();
  const { auditAs } = await import("../lib/audit/audit-as");
  const { registerSource, removeSource } = await import("../lib/importers/source-settings");
  const { POLL_INTERVAL } = await import("../lib/importers/source-schemas");
  // one app database and server per path, so that each page's stream carries only its path's
  // news: the server that follows the UI source, and one that only serves what import --watch
  // writes from its own process
  const paths = [await preparePath("live-ui", "ui source"), await preparePath("live-cli", "import --watch")];
  const [ui, cli] = paths as [PathSetup, PathSetup];
  const audit = auditAs({ type: "system", name: "bench:live" });
  const intervalMs = POLL_INTERVAL.default * 1000;

  const workDir = path.join(root, "node_modules", ".cache", "observatory", "live", "sources");
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const logDir = path.join(root, "node_modules", ".cache", "observatory", "live");
  const samples: Sample[] = [];
  const idle: Idle[] = [];
  try {
    const port = Number(args.port);
    const env = { OBSERVATORY_RATE_LIMIT: "100000", OBSERVATORY_RATE_BURST: "100000" };
    ui.server = startServer({ url: ui.url, port, env, logFile: path.join(logDir, "server-ui.log") });
    cli.server = startServer({
      url: cli.url,
      port: port + 1,
      env: { ...env, OBSERVATORY_FOLLOW_SOURCES: "0" },
      logFile: path.join(logDir, "server-cli.log"),
    });
    for (const p of paths) {
      p.base = p.server!.base;
      await waitForHealth(p.base);
      p.stream = await openLiveStream(p.base, p.cookie);
    }
    for (const system of systems) {
      log(`${system}: creating the source (${bigRows} rows in its big table)`);
      const source = await createLiveSource(system, workDir, pgServer, bigRows, changesPerKind + 1);
      // one follower after the other: each first pass imports the whole big table
      const firstPass = async (p: PathSetup, started: number, exited?: () => boolean) => {
        for (;;) {
          const row = await p.db.importSource.findFirst({
            where: { system, projectId: p.projectId },
            select: { lastSyncAt: true, lastError: true },
          });
          if (row?.lastError) throw new Error(`${system}: a follower failed: ${row.lastError}`);
          if (row?.lastSyncAt) return (performance.now() - started) / 1000;
          if (exited?.()) throw new Error(`${system}: import --watch exited; see its log`);
          if (performance.now() - started > 600_000) throw new Error(`${system}: the first pass took over 10 minutes`);
          await sleep(250);
        }
      };
      const uiStarted = performance.now();
      const registered = await registerSource(ui.db, { system, location: source.location, project: "live" }, audit);
      const uiFirstS = await firstPass(ui, uiStarted);
      const cliStarted = performance.now();
      const watch = startImportWatch(cli.url, source, path.join(logDir, `import-${system}.log`));
      try {
        const cliFirstS = await firstPass(cli, cliStarted, watch.exited);
        log(
          `${system}: first passes ${uiFirstS.toFixed(1)} s (server) and ${cliFirstS.toFixed(1)} s (import --watch); measuring`,
        );

        const measure = async (change: Change, record: boolean, changeKind: ChangeKind) => {
          // the previous change's last commits (the follower's record of its pass) reach the
          // streams before this one is written
          await sleep(600);
          const before = await Promise.all(paths.map((p) => view(p.base, p.key, change.sessionId)));
          const storedBefore = await Promise.all(paths.map((p) => change.stored?.(p.db, p.projectId)));
          const t0 = performance.now();
          await change.write();
          const api: (number | undefined)[] = paths.map(() => undefined);
          const live: (number | undefined)[] = paths.map(() => undefined);
          while (performance.now() - t0 < TIMEOUT_MS) {
            await Promise.all(
              paths.map(async (p, i) => {
                if (api[i] !== undefined) return;
                if (change.stored) {
                  if ((await change.stored(p.db, p.projectId)) !== storedBefore[i]) api[i] = performance.now() - t0;
                  return;
                }
                const now = await view(p.base, p.key, change.sessionId);
                if (change.visible(before[i]!, now)) api[i] = performance.now() - t0;
              }),
            );
            paths.forEach((p, i) => {
              if (live[i] !== undefined) return;
              const hit = p.stream!.received.find((r) => r.at >= t0 && concerns(r.change, p, change.sessionId));
              if (hit) live[i] = hit.at - t0;
            });
            if (api.every((x) => x !== undefined) && live.every((x) => x !== undefined)) break;
            await sleep(POLL_MS);
          }
          if (record)
            paths.forEach((p, i) =>
              samples.push({
                system,
                kind: changeKind,
                path: p.path,
                via: change.stored ? "stored" : "API",
                api: api[i],
                live: live[i],
              }),
            );
          if (api.some((x) => x === undefined) || live.some((x) => x === undefined))
            log(
              `${system} ${changeKind} #${record ? "" : "warm-up "}: not seen within ${TIMEOUT_MS} ms: ${paths
                .map(
                  (p, i) =>
                    `${p.path} API ${api[i] === undefined ? "no" : "yes"}, live ${live[i] === undefined ? "no" : "yes"}`,
                )
                .join("; ")}`,
            );
        };

        // one unrecorded change of each kind first (first imports of a kind warm caches)
        for (const k of source.kinds) await measure(source.change(k, 0), false, k);
        for (let n = 1; n <= changesPerKind; n++) {
          for (const k of source.kinds) {
            // a random moment of the poll interval
            await sleep(Math.random() * intervalMs);
            await measure(source.change(k, n), true, k);
          }
          log(`${system}: round ${n}/${changesPerKind}`);
        }

        log(`${system}: idle polling for ${idleSeconds} s`);
        await sleep(3_000);
        const groups = [pidsOfGroup(ui.server.pgid), pidsOfGroup(cli.server.pgid), pidsOfGroup(watch.pgid)];
        groups.push(await backendPids(source.pgDatabases));
        const c0 = groups.map(cpuSeconds);
        const w0 = performance.now();
        await sleep(idleSeconds * 1000);
        const wall = (performance.now() - w0) / 1000;
        const pct = groups.map((g, i) => (100 * (cpuSeconds(g) - c0[i]!)) / wall);
        idle.push({
          system,
          table: source.big.table,
          rows: source.big.rows,
          firstPass: [uiFirstS, cliFirstS],
          followingServerPct: pct[0]!,
          plainServerPct: pct[1]!,
          cliPct: pct[2]!,
          pgPct: groups[3]!.length > 0 ? pct[3] : undefined,
        });
        log(
          `${system} idle: server following it ${pct[0]!.toFixed(2)} %, server not following ${pct[1]!.toFixed(2)} %, import --watch ${pct[2]!.toFixed(2)} %, PostgreSQL backends ${groups[3]!.length > 0 ? `${pct[3]!.toFixed(2)} %` : "–"}`,
        );
        // this system's figures now, so that a long run shows them as it goes
        log(`${system} done:\n${lagTable(samples.filter((x) => x.system === system)).join("\n")}`);
      } finally {
        await watch.stop();
        await removeSource(ui.db, { id: registered.id }, audit);
        await source.close();
      }
    }
  } finally {
    for (const p of paths) {
      p.stream?.close();
      if (p.server) await stopServer(p.server);
      await p.db.$disconnect();
    }
  }
  report(samples, idle, intervalMs);
}

type LagRow = {
  system: string;
  change: string;
  path: string;
  via: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  missed: number;
  liveP50: number;
  liveP95: number;
  liveMax: number;
  liveMissed: number;
};

function lagRows(samples: Sample[]): LagRow[] {
  const rows: LagRow[] = [];
  const keys = [...new Set(samples.map((s) => `${s.system}\u0000${s.kind}\u0000${s.path}`))];
  for (const key of keys) {
    const [system = "", changeKind = "", p = ""] = key.split("\u0000");
    const group = samples.filter((s) => s.system === system && s.kind === changeKind && s.path === p);
    const api = group.flatMap((s) => (s.api === undefined ? [] : [s.api])).sort((a, b) => a - b);
    const live = group.flatMap((s) => (s.live === undefined ? [] : [s.live])).sort((a, b) => a - b);
    rows.push({
      system,
      change: changeKind,
      path: p,
      via: group[0]?.via ?? "API",
      n: group.length,
      p50: Math.round(percentile(api, 50)),
      p95: Math.round(percentile(api, 95)),
      max: Math.round(api.at(-1) ?? 0),
      missed: group.length - api.length,
      liveP50: Math.round(percentile(live, 50)),
      liveP95: Math.round(percentile(live, 95)),
      liveMax: Math.round(live.at(-1) ?? 0),
      liveMissed: group.length - live.length,
    });
  }
  return rows;
}

function lagTable(samples: Sample[]): string[] {
  return [
    "| system | change | path | n | visible via | p50 | p95 | max | live stream p50 | live p95 | live max | not seen (visible/live) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...lagRows(samples).map(
      (r) =>
        `| ${r.system} | ${r.change} | ${r.path} | ${r.n} | ${r.via} | ${r.p50} | ${r.p95} | ${r.max} | ${r.liveP50} | ${r.liveP95} | ${r.liveMax} | ${r.missed}/${r.liveMissed} |`,
    ),
  ];
}

function report(samples: Sample[], idle: Idle[], intervalMs: number): void {
  const all = (field: "api" | "live", p: PathName) =>
    samples
      .filter((s) => s.path === p)
      .flatMap((s) => (s[field] === undefined ? [] : [s[field]]))
      .sort((a, b) => a - b);
  if (args.json) {
    console.log(JSON.stringify({ intervalMs, db: kind, rows: lagRows(samples), idle }, null, 2));
    return;
  }
  console.log(
    `\nLive lag, ms from the write (poll interval ${intervalMs} ms, app database ${kind}, ${changesPerKind} changes per kind)\n`,
  );
  for (const line of lagTable(samples)) console.log(line);
  for (const p of ["ui source", "import --watch"] as const) {
    const api = all("api", p);
    const live = all("live", p);
    console.log(
      `\nall changes, ${p}: visible p50 ${Math.round(percentile(api, 50))} / p95 ${Math.round(percentile(api, 95))} ms; live stream p50 ${Math.round(percentile(live, 50))} / p95 ${Math.round(percentile(live, 95))} ms`,
    );
  }
  printIdle(idle);
}

function printIdle(idle: Idle[]): void {
  console.log(`\nIdle polling of the unchanged source, ${idleSeconds} s, CPU as % of one core\n`);
  console.log(
    "| system | big table | first pass (server / import --watch) | server following it | server not following (baseline) | import --watch | PostgreSQL backends of the source |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const r of idle)
    console.log(
      `| ${r.system} | ${r.table}, ${r.rows} rows | ${r.firstPass[0].toFixed(1)} s / ${r.firstPass[1].toFixed(1)} s | ${r.followingServerPct.toFixed(2)} % | ${r.plainServerPct.toFixed(2)} % | ${r.cliPct.toFixed(2)} % | ${r.pgPct === undefined ? "–" : `${r.pgPct.toFixed(2)} %`} |`,
    );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
