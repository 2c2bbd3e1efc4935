// npm run bench:huge-session -- [--db sqlite|postgres] [--scale 1] [--rounds 5] [--probes 60] [--page-size 1000]
//   [--gantt-windows N] [--log-pages 50] [--loaded heaviest|all|<tab>,<tab>…] [--reuse] [--server-log FILE] [--json]
//
// Issue 19, "Huge sessions": one session as large as a long orchestration (at scale 1: 100,000
// runs nested 3–4 levels, 1,000,000 logs, 50,000 LLM calls, 10,000 messages and 1,500 tasks),
// ingested through the public API into a production server on a fresh database. Then, with
// medians and p95 over `rounds`:
//   - each tab's page, server side, signed in: time to the first byte (the shell with the
//     header) and to the end of the streamed HTML (the tab's body);
//   - the header alone (its counts) and the log search with no match, by calling their
//     loaders in this process against the same database (the search is a server action);
//   - the events API paged from start to end, per page at the start, middle and end;
//   - /api/health and a single-event ingest, idle and while another client loads a heavy tab
//     again and again: by default the heaviest (the slowest median whole HTML of this run),
//     or each tab of --loaded in turn ("all": every tab);
//   - in Chromium, per tab: first content and the longest long task; for Messages, "End" to
//     the last message;
//   - in Chromium, long tasks (longest, total) while scrolling the Gantt from the session's
//     start to its end (zoomed in by clicking the first lane, then "Later" window by window,
//     at most --gantt-windows), and the log list up through --log-pages older pages and back
//     down to the end.
//   - the server's resident memory (its whole process group, read pool included): idle, and
//     the peak while the loading client runs;
// --reuse measures the database a previous run left (same --db and --scale) instead of
// ingesting again; OBSERVATORY_BENCH_DIR moves the SQLite file out of node_modules/.cache.
// It prints the figures and exits 0 whatever they are: it measures, it does not judge.
import { parseArgs } from "node:util";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { chromiumArgs } from "../playwright.config";
import { SESSION_TABS, sessionHref, type SessionTab } from "../lib/sessions/session-href";
import {
  databaseKindArg,
  ensureBuild,
  databaseUrlFor,
  freshDatabaseUrl,
  groupRss,
  pool,
  prepareProject,
  startServer,
  stopServer,
  waitForHealth,
  type ServerHandle,
} from "./lib/server-harness";
import { scrollGantt, scrollLogs, type GanttScroll, type LogScroll } from "./lib/huge-session-scrolls";
import { LOG_MESSAGE, median, percentile } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    scale: { type: "string", default: "1" },
    rounds: { type: "string", default: "5" },
    probes: { type: "string", default: "60" },
    "page-size": { type: "string", default: "1000" },
    "gantt-windows": { type: "string", default: "0" },
    "log-pages": { type: "string", default: "50" },
    loaded: { type: "string", default: "heaviest" },
    port: { type: "string", default: "3193" },
    reuse: { type: "boolean", default: false },
    "server-log": { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const kind = databaseKindArg(args.db);
const scale = Number(args.scale);
const rounds = Math.max(1, Number(args.rounds));
const probes = Math.max(5, Number(args.probes));
const pageSize = Number(args["page-size"]);
/** 0: every window to the session's end */
const ganttWindows = Number(args["gantt-windows"]) || Infinity;
const logPages = Math.max(0, Number(args["log-pages"]));
const port = Number(args.port);
// a bad --loaded fails now, not after the ingest
tabsToLoad(args.loaded!, () => 0);
const BATCH = 500;
const CONCURRENCY = 4;
/** the loaded phase stops after this long even if fewer probes were answered */
const LOADED_PHASE_MS = 60_000;

const sized = (n: number) => Math.max(1, Math.round(n * scale));
const SIZE = {
  runs: sized(100_000),
  logs: sized(1_000_000),
  llmCalls: sized(50_000),
  messages: sized(10_000),
  tasks: sized(1_500),
};
const SESSION = "huge-session";
const PROBE_SESSION = "huge-session-probe";
const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
/** the session's length: every kind of record is spread evenly over it */
const SPAN_MS = 8 * 3_600_000;
const AGENTS = ["project_manager", "developer", "senior_software_engineer", "qa_expert", "tech_lead", "investigator"];
const USER = { email: "bench@huge-session.example", name: "Bench Viewer", password: "bench huge session password" };

const log = (m: string) => {
  if (!args.json) console.error(`[bench:huge-session] ${m}`);
};
const at = (index: number, count: number) => new Date(T0 + Math.floor((index * SPAN_MS) / count)).toISOString();
const round1 = (ms: number) => Number(ms.toFixed(1));

/**
 * Runs come in groups of 20: a root, 4 children, 8 grandchildren and 7 great-grandchildren,
 * so the tree is 3 levels deep under some children and 4 under others.
 */
function runShape(i: number): { parent: number | undefined; level: number } {
  const base = i - (i % 20);
  const k = i % 20;
  if (k === 0) return { parent: undefined, level: 1 };
  if (k <= 4) return { parent: base, level: 2 };
  if (k <= 12) return { parent: base + 1 + ((k - 5) % 4), level: 3 };
  return { parent: base + 5 + ((k - 13) % 8), level: 4 };
}

const runId = (i: number) => `${SESSION}-r${i}`;
const runOf = (index: number, count: number) => Math.min(SIZE.runs - 1, Math.floor((index * SIZE.runs) / count));

function runEvent(i: number) {
  const { parent, level } = runShape(i);
  const groupMs = (20 * SPAN_MS) / SIZE.runs;
  const startedAt = at(i, SIZE.runs);
  return {
    id: `run-${i}`,
    type: "run",
    timestamp: startedAt,
    body: {
      runId: runId(i),
      sessionId: SESSION,
      agentType: AGENTS[i % AGENTS.length]!,
      parentRunId: parent === undefined ? undefined : runId(parent),
      status: i % 97 === 0 ? "failed" : "completed",
      startedAt,
      endedAt: new Date(Date.parse(startedAt) + Math.max(1_000, groupMs / level)).toISOString(),
    },
  };
}

function taskEvent(t: number) {
  return {
    id: `task-${t}`,
    type: "task",
    timestamp: at(t, SIZE.tasks),
    body: {
      taskId: `${SESSION}-t${t}`,
      sessionId: SESSION,
      name: `Task ${t}`,
      priority: t,
      status: t % 3 ? "pending" : "completed",
      dependsOn: t > 0 ? [`${SESSION}-t${t - 1}`] : [],
    },
  };
}

function messageEvent(n: number) {
  return {
    id: `message-${n}`,
    type: "message",
    timestamp: at(n, SIZE.messages),
    body: {
      messageId: `${SESSION}-m${n}`,
      sessionId: SESSION,
      from: AGENTS[n % AGENTS.length]!,
      to: AGENTS[(n + 1) % AGENTS.length]!,
      content: `message number ${n}`,
      replyTo: n % 10 === 9 ? `${SESSION}-m${n - 1}` : undefined,
    },
  };
}

function llmCallEvent(c: number) {
  const run = runOf(c, SIZE.llmCalls);
  return {
    id: `llm-${c}`,
    type: "llm_call",
    timestamp: at(c, SIZE.llmCalls),
    body: {
      callId: `${SESSION}-c${c}`,
      sessionId: SESSION,
      runId: runId(run),
      agentType: AGENTS[run % AGENTS.length]!,
      model: c % 4 ? "claude-sonnet-4-5" : "gpt-5",
      inputTokens: 1_000 + (c % 500),
      outputTokens: 200 + (c % 100),
      latencyMs: 800 + (c % 700),
      status: "success",
    },
  };
}

const LEVELS = (j: number) => (j % 50 === 0 ? "error" : j % 10 === 0 ? "warn" : j % 3 === 0 ? "debug" : "info");
const KINDS = ["log", "tool_call", "thought", "status"];

function logEvent(j: number) {
  const run = runOf(j, SIZE.logs);
  return {
    id: `log-${j}`,
    type: "log",
    timestamp: at(j, SIZE.logs),
    body: {
      sessionId: SESSION,
      runId: runId(run),
      agentType: AGENTS[run % AGENTS.length]!,
      level: LEVELS(j),
      kind: KINDS[j % KINDS.length]!,
      message: LOG_MESSAGE,
      details: { j },
    },
  };
}

/** Every event of the session by one index: runs first, so that most parents come before their children. */
const PARTS = [
  [SIZE.runs, runEvent],
  [SIZE.tasks, taskEvent],
  [SIZE.messages, messageEvent],
  [SIZE.llmCalls, llmCallEvent],
  [SIZE.logs, logEvent],
] as const;
const TOTAL = PARTS.reduce((n, [count]) => n + count, 0);

function eventAt(g: number): unknown {
  let rest = g;
  for (const [count, make] of PARTS) {
    if (rest < count) return make(rest);
    rest -= count;
  }
  throw new Error(`no event ${g}`);
}

type Timing = { p50: number; p95: number };
const timing = (values: number[]): Timing => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)) };
};
const tail = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round1(percentile(sorted, 50)), p99: round1(percentile(sorted, 99)) };
};

async function time<T>(work: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** What the first content of each tab is, as the e2e specs look for it; empty tabs show a sentence. */
const FIRST_CONTENT: Record<SessionTab, string> = {
  // the lanes (runs per agent type over time): what a huge session shows first
  timeline: '[data-testid="gantt-lane"]',
  logs: '[data-testid="log-line"]',
  messages: '[data-testid="message"]',
  tasks: '[data-testid="task-card"]',
  state: '[role="tabpanel"] :is([data-testid="state-list"], p)',
  decisions: '[role="tabpanel"] :is([data-testid="decision-list"], p)',
  artifacts: '[role="tabpanel"] :is([data-testid="artifact-list"], p)',
  gates: '[role="tabpanel"] :is([data-testid="session-gate"], h3)',
  usage: '[data-testid="usage-panel"]',
  source: '[role="tabpanel"] :is([data-testid="source-records"], p)',
};

/** An init script: the page records every long task the browser reports in `window.longTasks`. */
function recordLongTasks(): void {
  const w = window as unknown as { longTasks: number[] };
  w.longTasks = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
    type: "longtask",
    buffered: true,
  });
}

async function signIn(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  await page.close();
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function main(): Promise<void> {
  const url = args.reuse ? databaseUrlFor(kind, "huge-session") : await freshDatabaseUrl(kind, "huge-session");
  // the in-process loaders (header, search) read the same database as the server
  process.env.DATABASE_URL = url;
  await ensureBuild();
  // on a reused database: the project exists (a new key is added), and so may the user
  const { key } = await prepareProject(url, "huge-session");
  const { db } = await import("../lib/db/client");
  const { createUser, UserExistsError } = await import("../lib/auth/users");
  await createUser(db(), { ...USER, role: "viewer" }, { type: "system", name: "bench:huge-session" }).catch(
    (error: unknown) => {
      if (!(args.reuse && error instanceof UserExistsError)) throw error;
    },
  );

  let server: ServerHandle | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  });
  try {
    server = startServer({
      url,
      port,
      env: { OBSERVATORY_RATE_LIMIT: "100000", OBSERVATORY_RATE_BURST: "100000" },
      logFile: args["server-log"],
    });
    const base = server.base;
    await waitForHealth(base);
    const apiHeaders = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const post = async (events: unknown[]) => {
      const res = await fetch(`${base}/api/v1/ingest`, {
        method: "POST",
        headers: apiHeaders,
        body: JSON.stringify({ events }),
      });
      const body = (await res.json()) as { results?: { status: number }[] };
      if (res.status !== 207 || body.results?.some((r) => r.status !== 201 && r.status !== 200))
        throw new Error(`ingest failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    };

    // 1. ingest
    log(
      `ingesting one session: ${SIZE.runs} runs, ${SIZE.logs} logs, ${SIZE.llmCalls} LLM calls, ${SIZE.messages} messages, ${SIZE.tasks} tasks (${TOTAL} events, ${BATCH} per request, concurrency ${CONCURRENCY})`,
    );
    const session = (id: string, title: string) => ({
      id: `session-${id}`,
      type: "session",
      timestamp: new Date(T0).toISOString(),
      body: { sessionId: id, title, status: "running", source: "api" },
    });
    await post([session(SESSION, "Huge session"), session(PROBE_SESSION, "Probe session")]);
    const ingestStart = performance.now();
    let sent = 0;
    if (!args.reuse)
      await pool(
        Array.from({ length: Math.ceil(TOTAL / BATCH) }, (_, b) => b),
        CONCURRENCY,
        async (b) => {
          const events: unknown[] = [];
          for (let g = b * BATCH; g < Math.min(TOTAL, (b + 1) * BATCH); g++) events.push(eventAt(g));
          await post(events);
          sent += events.length;
          if (b % 200 === 0)
            log(`  ${sent} / ${TOTAL} events, ${Math.round((performance.now() - ingestStart) / 1000)} s`);
        },
      );
    const ingestSeconds = args.reuse ? 0 : (performance.now() - ingestStart) / 1000;
    if (args.reuse) log(`reused the database of a previous run: ${url}`);
    else
      log(`ingested ${TOTAL} events in ${ingestSeconds.toFixed(1)} s (${Math.round(TOTAL / ingestSeconds)} events/s)`);

    const { findSessionPage, loadSessionHeader } = await import("../lib/sessions/session-page");
    const { loadLogFacets, loadLogPage } = await import("../lib/sessions/session-logs");
    const lookup = await findSessionPage(SESSION);
    if (lookup.kind !== "found") throw new Error(`session ${SESSION} not found after ingest`);
    const id = lookup.session.id;
    const counts = lookup.session.counts;

    const context = await browser.newContext({ baseURL: base });
    // a click on an element that never becomes actionable fails after a minute instead of waiting forever
    context.setDefaultTimeout(60_000);
    const cookie = await signIn(context);
    const getPage = async (tab: SessionTab) => {
      const t0 = performance.now();
      const res = await fetch(`${base}${sessionHref(SESSION, { tab })}`, { headers: { cookie }, redirect: "manual" });
      const firstByte = performance.now() - t0;
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${tab} tab: HTTP ${res.status}`);
      if (html.length < 1_000) throw new Error(`${tab} tab: only ${html.length} characters of HTML`);
      return { firstByte, full: performance.now() - t0 };
    };

    // 2. server times, every tab once per round (the first visit of each warms it)
    for (const t of SESSION_TABS) await getPage(t.id);
    const tabServer = Object.fromEntries(
      SESSION_TABS.map((t) => [t.id, { firstByte: [] as number[], full: [] as number[] }]),
    );
    const header: number[] = [];
    const facets: number[] = [];
    const search: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}/${rounds}: every tab's page, the header, the log facets and a search with no match`);
      for (const t of SESSION_TABS) {
        const { firstByte, full } = await getPage(t.id);
        tabServer[t.id]!.firstByte.push(firstByte);
        tabServer[t.id]!.full.push(full);
      }
      header.push(await time(() => loadSessionHeader(id)));
      facets.push(await time(() => loadLogFacets(id)));
      search.push(await time(() => loadLogPage(id, { q: `no such text ${round}` })));
    }

    log(`events API, start to end, ${pageSize} per page`);
    const pageTimes: number[] = [];
    let cursor: string | null = null;
    let paged = 0;
    do {
      const query = new URLSearchParams({ limit: String(pageSize), ...(cursor ? { cursor } : {}) });
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/sessions/${encodeURIComponent(SESSION)}/events?${query}`, {
        headers: apiHeaders,
      });
      const body = (await res.json()) as { data: unknown[]; nextCursor: string | null };
      if (res.status !== 200) throw new Error(`events API: HTTP ${res.status}`);
      pageTimes.push(performance.now() - t0);
      paged += body.data.length;
      cursor = body.nextCursor;
    } while (cursor);
    const slice = (from: number, to: number) =>
      pageTimes.slice(
        Math.floor(from * pageTimes.length),
        Math.max(Math.floor(from * pageTimes.length) + 1, Math.ceil(to * pageTimes.length)),
      );

    // health and a single-event ingest, idle and while another client loads heavy tabs
    const loadedTabs = tabsToLoad(args.loaded!, (tab) => median(tabServer[tab]!.full));
    let probeId = 0;
    const probe = async (into: { health: number[]; ingest: number[] }) => {
      into.health.push(await time(async () => (await fetch(`${base}/api/health`)).text()));
      const n = probeId++;
      into.ingest.push(
        await time(() =>
          post([
            {
              id: `probe-${n}`,
              type: "log",
              timestamp: new Date().toISOString(),
              body: { sessionId: PROBE_SESSION, level: "info", message: `probe ${n}` },
            },
          ]),
        ),
      );
    };
    log(`health and single-event ingest: ${probes} probes idle, then while ${loadedTabs.join(", ")} load repeatedly`);
    const idle = { health: [] as number[], ingest: [] as number[] };
    for (let i = 0; i < probes; i++) await probe(idle);
    const idleRss = groupRss(server.pgid);
    let peakRss = idleRss;
    const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, groupRss(server!.pgid))), 100);
    const loaded = { health: [] as number[], ingest: [] as number[] };
    let stop = false;
    const loadedPageMs: number[] = [];
    let loaderError: unknown;
    const loader = (async () => {
      while (!stop) loadedPageMs.push((await getPage(loadedTabs[loadedPageMs.length % loadedTabs.length]!)).full);
    })().catch((error: unknown) => {
      // kept for after the probes: a rejection left unhandled meanwhile would end the process
      loaderError = error;
      stop = true;
    });
    // let the first load reach the server before probing
    await new Promise((r) => setTimeout(r, 50));
    const loadedStart = performance.now();
    while (loaded.health.length < probes && performance.now() - loadedStart < LOADED_PHASE_MS) await probe(loaded);
    stop = true;
    await loader;
    clearInterval(rssSampler);
    if (loaderError) throw loaderError;

    // 3. the browser: first content and long tasks per tab, and "End" on the Messages tab
    const browserTabs = Object.fromEntries(
      SESSION_TABS.map((t) => [t.id, { firstContent: [] as number[], longestTask: [] as number[] }]),
    );
    const toEnd: number[] = [];
    const endLongestTask: number[] = [];
    const ganttScrolls: GanttScroll[] = [];
    const logScrolls: LogScroll[] = [];
    const scrollErrors: string[] = [];
    const lastMessage = `[data-message-id="${SESSION}-m${SIZE.messages - 1}"]`;
    const longestTask = (page: Page) =>
      page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}/${rounds}: every tab in Chromium`);
      for (const t of SESSION_TABS) {
        const page = await context.newPage();
        await page.addInitScript(recordLongTasks);
        const t0 = performance.now();
        await page.goto(sessionHref(SESSION, { tab: t.id }), { waitUntil: "commit" });
        await page.locator(FIRST_CONTENT[t.id]).first().waitFor({ state: "visible", timeout: 120_000 });
        browserTabs[t.id]!.firstContent.push(performance.now() - t0);
        // hydration's work counts too: wait for the load event and a moment after it
        await page.waitForLoadState("load");
        await page.waitForTimeout(500);
        browserTabs[t.id]!.longestTask.push(await longestTask(page));
        if (t.id === "messages") {
          await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
          const j0 = performance.now();
          await page.getByTestId("messages-jump-end").click();
          await page.locator(lastMessage).waitFor({ state: "visible", timeout: 120_000 });
          toEnd.push(performance.now() - j0);
          endLongestTask.push(await longestTask(page));
        }
        await page.close();
      }
      log(`round ${round}/${rounds}: scrolling the Gantt and the log list in Chromium`);
      for (const [tab, scroll] of [
        ["timeline", async (page: Page) => ganttScrolls.push(await scrollGantt(page, ganttWindows))],
        ["logs", async (page: Page) => logScrolls.push(await scrollLogs(page, logPages))],
      ] as const) {
        const page = await context.newPage();
        await page.addInitScript(recordLongTasks);
        await page.goto(sessionHref(SESSION, { tab }));
        await page.locator(FIRST_CONTENT[tab]).first().waitFor({ state: "visible", timeout: 120_000 });
        await page.waitForLoadState("load");
        await page.waitForTimeout(500);
        try {
          // a page.evaluate has no timeout of its own
          await Promise.race([
            scroll(page),
            new Promise((_, reject) => setTimeout(() => reject(new Error("no end after 6 minutes")), 360_000).unref()),
          ]);
        } catch (error) {
          // the other figures still count: say what failed, keep a picture of it, go on
          const shot = `${process.env.TMPDIR ?? "/tmp"}/huge-session-${tab}-scroll-${round}.png`;
          await page.screenshot({ path: shot }).catch(() => {});
          scrollErrors.push(`round ${round}, ${tab}: ${(error as Error).message.split("\n")[0]} (screenshot ${shot})`);
          log(`scrolling ${tab} failed: ${scrollErrors.at(-1)}`);
        }
        await page.close();
      }
    }
    await context.close();

    const result = {
      database: kind,
      machine: `${(await import("node:os")).cpus().length} cores`,
      scale,
      rounds,
      session: { ...SIZE, events: TOTAL },
      headerCounts: counts,
      ingest: { seconds: round1(ingestSeconds), eventsPerSec: Math.round(TOTAL / ingestSeconds) },
      tabs: SESSION_TABS.map((t) => ({
        tab: t.id,
        serverFirstByteMs: timing(tabServer[t.id]!.firstByte),
        serverFullMs: timing(tabServer[t.id]!.full),
        browserFirstContentMs: timing(browserTabs[t.id]!.firstContent),
        browserLongestTaskMs: round1(median(browserTabs[t.id]!.longestTask)),
      })),
      headerLoaderMs: timing(header),
      logFacetsLoaderMs: timing(facets),
      logSearchNoMatchMs: timing(search),
      messagesEnd: { toLastMessageMs: timing(toEnd), longestTaskMs: round1(median(endLongestTask)) },
      ganttScroll: {
        zoomClicks: median(ganttScrolls.map((g) => g.zoomClicks)),
        rowsInFirstWindow: median(ganttScrolls.map((g) => g.rowsInFirstWindow)),
        windows: median(ganttScrolls.map((g) => g.windows)),
        rowsSeen: median(ganttScrolls.map((g) => g.rowsSeen)),
        frameStalls: ganttScrolls.reduce((n, g) => n + g.frameStalls, 0),
        panMs: timing(ganttScrolls.flatMap((g) => g.panMs)),
        totalSeconds: round1(median(ganttScrolls.map((g) => g.totalMs)) / 1000),
        longestTaskMs: round1(median(ganttScrolls.map((g) => g.tasks.longestMs))),
        longTasksTotalMs: round1(median(ganttScrolls.map((g) => g.tasks.totalMs))),
      },
      scrollErrors,
      logScroll: {
        olderPages: median(logScrolls.map((l) => l.olderPages)),
        lines: median(logScrolls.map((l) => l.lines)),
        reachedStart: logScrolls.every((l) => l.reachedStart),
        scrollSteps: median(logScrolls.map((l) => l.scrollSteps)),
        frameStalls: logScrolls.reduce((n, l) => n + l.frameStalls, 0),
        longestTaskMs: round1(median(logScrolls.map((l) => l.tasks.longestMs))),
        longTasksTotalMs: round1(median(logScrolls.map((l) => l.tasks.totalMs))),
      },
      eventsApi: {
        pageSize,
        pages: pageTimes.length,
        events: paged,
        totalSeconds: round1(pageTimes.reduce((a, b) => a + b, 0) / 1000),
        startMs: timing(slice(0, 0.05)),
        middleMs: timing(slice(0.475, 0.525)),
        endMs: timing(slice(0.95, 1)),
      },
      underLoad: {
        loadedTabs,
        loads: loadedPageMs.length,
        loadedPageMs: timing(loadedPageMs),
        healthMs: { idle: tail(idle.health), loaded: tail(loaded.health) },
        singleIngestMs: { idle: tail(idle.ingest), loaded: tail(loaded.ingest) },
        serverRssMb: { idle: round1(idleRss / 2 ** 20), peakLoaded: round1(peakRss / 2 ** 20) },
      },
    };
    if (args.json) console.log(JSON.stringify(result));
    else printTable(result);
  } finally {
    await browser.close();
    if (server) await stopServer(server);
  }
}

type Result = {
  database: string;
  rounds: number;
  scale: number;
  session: Record<string, number>;
  headerCounts: Record<string, number>;
  ingest: { seconds: number; eventsPerSec: number };
  tabs: {
    tab: string;
    serverFirstByteMs: Timing;
    serverFullMs: Timing;
    browserFirstContentMs: Timing;
    browserLongestTaskMs: number;
  }[];
  headerLoaderMs: Timing;
  logFacetsLoaderMs: Timing;
  logSearchNoMatchMs: Timing;
  messagesEnd: { toLastMessageMs: Timing; longestTaskMs: number };
  ganttScroll: {
    zoomClicks: number;
    rowsInFirstWindow: number;
    windows: number;
    rowsSeen: number;
    /** scroll steps, over all rounds, whose frames did not come within 250 ms */
    frameStalls: number;
    panMs: Timing;
    totalSeconds: number;
    longestTaskMs: number;
    longTasksTotalMs: number;
  };
  /** scrolls that failed (the rest of the figures still stand) */
  scrollErrors: string[];
  logScroll: {
    olderPages: number;
    lines: number;
    reachedStart: boolean;
    scrollSteps: number;
    /** scroll steps, over all rounds, whose frames did not come within 250 ms */
    frameStalls: number;
    longestTaskMs: number;
    longTasksTotalMs: number;
  };
  eventsApi: {
    pageSize: number;
    pages: number;
    events: number;
    totalSeconds: number;
    startMs: Timing;
    middleMs: Timing;
    endMs: Timing;
  };
  underLoad: {
    /** what the loading client loaded, in turn */
    loadedTabs: string[];
    loads: number;
    /** its pages' whole HTML while the probes ran */
    loadedPageMs: Timing;
    healthMs: { idle: { p50: number; p99: number }; loaded: { p50: number; p99: number } };
    singleIngestMs: { idle: { p50: number; p99: number }; loaded: { p50: number; p99: number } };
    /** the server's process group, after the idle probes and at its peak while the tab loaded */
    serverRssMb: { idle: number; peakLoaded: number };
  };
};

function printTable(r: Result): void {
  const t = (x: Timing) => `${x.p50} / ${x.p95}`;
  const ratio = (a: number, b: number) => `${(a / Math.max(b, 0.1)).toFixed(1)}×`;
  const sizes = Object.entries(r.session)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  console.log(`database ${r.database}, scale ${r.scale}: one session of ${sizes}; ${r.rounds} rounds, p50 / p95 in ms`);
  console.log(`header counts: ${JSON.stringify(r.headerCounts)}`);
  console.log(`ingest: ${r.ingest.seconds} s (${r.ingest.eventsPerSec} events/s)`);
  console.log("");
  console.log(
    "tab".padEnd(16) +
      "server 1st byte".padStart(18) +
      "server full".padStart(18) +
      "browser content".padStart(18) +
      "longest task".padStart(14),
  );
  for (const x of r.tabs)
    console.log(
      x.tab.padEnd(16) +
        t(x.serverFirstByteMs).padStart(18) +
        t(x.serverFullMs).padStart(18) +
        t(x.browserFirstContentMs).padStart(18) +
        String(x.browserLongestTaskMs).padStart(14),
    );
  console.log("");
  const u = r.underLoad;
  const g = r.ganttScroll;
  const l = r.logScroll;
  const rows: [string, string][] = [
    ["header (counts) loader, in-process", t(r.headerLoaderMs)],
    ["log facets loader, in-process", t(r.logFacetsLoaderMs)],
    ["log search with no match, in-process", t(r.logSearchNoMatchMs)],
    [
      'Messages: "End" to the last message',
      `${t(r.messagesEnd.toLastMessageMs)} (longest task ${r.messagesEnd.longestTaskMs})`,
    ],
    [
      "Gantt, first lane clicked, then start → end",
      `${g.zoomClicks} clicks to a listed window of ${g.rowsInFirstWindow} rows; ${g.windows} windows, ${g.rowsSeen} rows, ${g.totalSeconds} s; ${g.frameStalls} frame stalls`,
    ],
    ['  per "Later" to the next window', t(g.panMs)],
    ["  long tasks, longest / total", `${g.longestTaskMs} / ${g.longTasksTotalMs}`],
    [
      "log list, up through older pages and down",
      `${l.olderPages} older pages, ${l.lines} lines${l.reachedStart ? " (the start)" : ""}, ${l.scrollSteps} steps down; ${l.frameStalls} frame stalls`,
    ],
    ["  long tasks, longest / total", `${l.longestTaskMs} / ${l.longTasksTotalMs}`],
    [
      `events API, ${r.eventsApi.pageSize} per page`,
      `${r.eventsApi.pages} pages, ${r.eventsApi.events} events, ${r.eventsApi.totalSeconds} s in all`,
    ],
    ["  per page at the start", t(r.eventsApi.startMs)],
    ["  per page in the middle", t(r.eventsApi.middleMs)],
    ["  per page at the end", t(r.eventsApi.endMs)],
    [
      `/api/health p50 / p99, idle → ${u.loadedTabs.join(", ")} loading`,
      `${u.healthMs.idle.p50} / ${u.healthMs.idle.p99} → ${u.healthMs.loaded.p50} / ${u.healthMs.loaded.p99} (p99 ${ratio(u.healthMs.loaded.p99, u.healthMs.idle.p99)})`,
    ],
    [
      "single-event ingest p50 / p99, idle → loading",
      `${u.singleIngestMs.idle.p50} / ${u.singleIngestMs.idle.p99} → ${u.singleIngestMs.loaded.p50} / ${u.singleIngestMs.loaded.p99} (p50 ${ratio(u.singleIngestMs.loaded.p50, u.singleIngestMs.idle.p50)}, p99 ${ratio(u.singleIngestMs.loaded.p99, u.singleIngestMs.idle.p99)})`,
    ],
    [
      "page loads during the loaded probes, whole HTML",
      `${u.loads} loads of ${u.loadedTabs.join(", ")}, ${t(u.loadedPageMs)}`,
    ],
    ["server RSS, idle → peak while loading (MB)", `${u.serverRssMb.idle} → ${u.serverRssMb.peakLoaded}`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(48)}${value}`);
  for (const error of r.scrollErrors) console.log(`scroll failed: ${error}`);
}

/**
 * The tabs the loading client cycles through: `heaviest` is the one whose page took longest
 * (`serverMs`, this run's median), `all` every tab, else a comma-separated list of tab ids.
 */
function tabsToLoad(choice: string, serverMs: (tab: SessionTab) => number): SessionTab[] {
  const ids = SESSION_TABS.map((t) => t.id);
  if (choice === "heaviest") return [ids.reduce((a, b) => (serverMs(b) > serverMs(a) ? b : a))];
  if (choice === "all") return ids;
  const chosen = choice.split(",").map((s) => s.trim());
  const unknown = chosen.filter((c) => !ids.includes(c as SessionTab));
  if (unknown.length > 0 || chosen.length === 0)
    throw new Error(`--loaded: expected heaviest, all or tabs among ${ids.join(", ")}; got ${choice}`);
  return chosen as SessionTab[];
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `[bench:huge-session] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
