// npm run bench:two-process -- [--events N] [--json]
//
// Two production servers on one PostgreSQL database, as behind a load balancer: the same
// load is sent first to one process, then split across both, and a LISTEN client (what each
// process's live listener is) times how long a batch posted to one process takes to be
// announced to all of them. Checks that every event is stored exactly once.
import { parseArgs } from "node:util";
import pg from "pg";
import {
  ensureBuild,
  freshDatabaseUrl,
  pool,
  prepareProject,
  startServer,
  stopServer,
  waitForHealth,
  type ServerHandle,
} from "./lib/server-harness";
import { LOG_MESSAGE as message } from "./lib/stats";

const { values: args } = parseArgs({
  options: { events: { type: "string", default: "40000" }, json: { type: "boolean", default: false } },
});
const total = Number(args.events);
const BATCH = 500;
const CONCURRENCY = 4;
const log = (m: string) => !args.json && console.error(`[two-process] ${m}`);

function batches(prefix: string): unknown[][] {
  return Array.from({ length: Math.ceil(total / BATCH) }, (_, b) =>
    Array.from({ length: Math.min(BATCH, total - b * BATCH) }, (_, j) => {
      const i = b * BATCH + j;
      return {
        id: `${prefix}-${i}`,
        type: "log",
        timestamp: new Date(1_700_000_000_000 + i).toISOString(),
        body: { sessionId: `${prefix}-s${i % 64}`, level: "info", message, details: { i } },
      };
    }),
  );
}

async function post(base: string, key: string, events: unknown[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/api/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    if (res.status === 207 || res.status === 200) {
      const body = (await res.json()) as { results: { status: number }[] };
      if (body.results.every((r) => r.status === 201 || r.status === 200)) return;
    } else await res.body?.cancel();
    if ((res.status !== 429 && res.status !== 503) || attempt > 50) throw new Error(`ingest answered ${res.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function load(servers: ServerHandle[], key: string, prefix: string): Promise<number> {
  const work = batches(prefix).map((events, i) => ({ events, server: servers[i % servers.length]! }));
  const t0 = performance.now();
  await pool(work, CONCURRENCY * servers.length, (w) => post(w.server.base, key, w.events));
  return total / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  await ensureBuild();
  const url = await freshDatabaseUrl("postgresql", "two_process");
  const { key } = await prepareProject(url, "two-process");
  const env = { OBSERVATORY_RATE_LIMIT: "100000", OBSERVATORY_RATE_BURST: "100000", OBSERVATORY_FOLLOW_SOURCES: "0" };
  const a = startServer({ url, port: 3291, env });
  const b = startServer({ url, port: 3292, env });
  const listener = new pg.Client({ connectionString: url });
  try {
    await Promise.all([waitForHealth(a.base), waitForHealth(b.base)]);
    await post(a.base, key, batches("warm-a")[0]!.slice(0, 1));
    await post(b.base, key, batches("warm-b")[0]!.slice(0, 1));
    log(`one process: ${total} events`);
    const one = await load([a], key, "one");
    log(`two processes: ${total} events split across both`);
    const two = await load([a, b], key, "two");

    // cross-process live: a batch posted to B is announced on the channel every process listens on
    await listener.connect();
    await listener.query('LISTEN "observatory_live"');
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const heard = new Promise<void>((resolve) => listener.once("notification", () => resolve()));
      const t0 = performance.now();
      await post((i % 2 === 0 ? b : a).base, key, [
        {
          id: `live-${i}`,
          type: "log",
          timestamp: new Date().toISOString(),
          body: { sessionId: "live", message: "ping" },
        },
      ]);
      await heard;
      latencies.push(performance.now() - t0);
    }
    latencies.sort((x, y) => x - y);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const stored = Number(
      (
        await check.query(
          `SELECT COUNT(*) AS n FROM "Event" WHERE "externalId" LIKE 'one-%' OR "externalId" LIKE 'two-%'`,
        )
      ).rows[0].n,
    );
    const distinct = Number(
      (
        await check.query(
          `SELECT COUNT(DISTINCT "externalId") AS n FROM "Event" WHERE "externalId" LIKE 'one-%' OR "externalId" LIKE 'two-%'`,
        )
      ).rows[0].n,
    );
    await check.end();
    const result = {
      events: total,
      oneProcessEventsPerSec: Math.round(one),
      twoProcessesEventsPerSec: Math.round(two),
      scaling: Number((two / one).toFixed(2)),
      liveAnnounceMs: {
        p50: Number(latencies[9]!.toFixed(1)),
        max: Number(latencies[latencies.length - 1]!.toFixed(1)),
      },
      stored,
      expected: total * 2,
      duplicates: stored - distinct,
    };
    if (args.json) console.log(JSON.stringify(result));
    else {
      console.log(`one process           ${result.oneProcessEventsPerSec} events/s`);
      console.log(`two processes         ${result.twoProcessesEventsPerSec} events/s (${result.scaling}×)`);
      console.log(
        `live announce (post → NOTIFY heard)  p50 ${result.liveAnnounceMs.p50} ms, max ${result.liveAnnounceMs.max} ms`,
      );
      console.log(`stored                ${stored} of ${total * 2}, duplicates ${result.duplicates}`);
    }
    if (stored !== total * 2 || result.duplicates !== 0) throw new Error("events lost or duplicated");
  } finally {
    await listener.end().catch(() => {});
    await Promise.all([stopServer(a), stopServer(b)]);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[two-process] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
