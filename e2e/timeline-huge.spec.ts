import { expect, test } from "@playwright/test";
import { ObservatoryClient } from "../lib/client/observatory-client";
import { createApiKey } from "./api-key";

// The Timeline of a session with more runs than a window lists (issue 19, "Huge sessions"):
// zoomed out, runs are counted per agent lane; a click on a lane lists the runs of a window
// in tree order, with the ancestors that start before it; "Later" reaches the last run; the
// DOM holds only the rows in view. E2E_HUGE_RUNS sets the size (groups of 20 runs, 4 levels).

const RUNS = Math.max(2_000, Math.floor(Number(process.env.E2E_HUGE_RUNS ?? 3_000) / 20) * 20);
const AGENTS = ["pm", "developer", "qa_expert", "tech_lead"];
const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
const GROUP_MS = 60_000;
/** Rows in view plus overscan: far below a window's runs. */
const MAX_ROWS_IN_DOM = 60;

/** A root, 4 children, 8 grandchildren, 7 great-grandchildren per group of 20, a minute apart. */
function parentOf(i: number): number | undefined {
  const base = i - (i % 20);
  const k = i % 20;
  if (k === 0) return undefined;
  if (k <= 4) return base;
  if (k <= 12) return base + 1 + ((k - 5) % 4);
  return base + 5 + ((k - 13) % 8);
}

const sessionId = `timeline-${Date.now()}`;
const runId = (i: number) => `${sessionId}-r${i}`;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(300_000);
  const client = new ObservatoryClient({
    baseUrl: baseURL ?? "",
    apiKey: createApiKey("e2e-timeline", "e2e-timeline"),
    batchSize: 1_000,
  });
  client.event(
    "session",
    { sessionId, title: "Many runs", status: "running", source: "api" },
    { timestamp: new Date(T0) },
  );
  for (let i = 0; i < RUNS; i++) {
    const start = T0 + Math.floor(i / 20) * GROUP_MS + (i % 20) * 1_000;
    const parent = parentOf(i);
    client.event(
      "run",
      {
        runId: runId(i),
        sessionId,
        agentType: AGENTS[i % AGENTS.length]!,
        parentRunId: parent === undefined ? undefined : runId(parent),
        status: i % 97 === 0 ? "failed" : "completed",
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + 30_000).toISOString(),
      },
      { timestamp: new Date(start) },
    );
  }
  const results = await client.flush();
  expect(results.filter((r) => r.status !== 201 && r.status !== 200)).toEqual([]);
});

test("timeline: lanes when zoomed out, a window's runs when zoomed in, every run reachable", async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  const opened = Date.now();
  await page.goto(`/sessions/${sessionId}`);
  const lanes = page.getByTestId("gantt-lane");
  await expect(lanes).toHaveCount(AGENTS.length);
  const firstContent = Date.now() - opened;
  await expect(lanes.filter({ hasText: "developer" })).toContainText(`${(RUNS / 4).toLocaleString("en-US")} runs`);
  await expect(page.getByTestId("gantt-status")).toContainText(`${RUNS.toLocaleString("en-US")} runs in the session`);
  await expect(page.getByTestId("gantt-row")).toHaveCount(0);

  // a click at the start of a lane lists the runs of a window there, in tree order
  await lanes
    .first()
    .locator(".cursor-zoom-in")
    .click({ position: { x: 1, y: 5 } });
  const rows = page.getByTestId("gantt-row");
  await expect(page.locator(`[data-run-id="${runId(0)}"]`)).toBeVisible();
  await expect(page.locator(`[data-run-id="${runId(1)}"]`)).toBeVisible();
  expect(await rows.count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  // a bar opens its run
  await page
    .locator(`[data-run-id="${runId(1)}"]`)
    .getByRole("button")
    .click();
  await expect(page.getByTestId("run-panel")).toContainText(runId(1));

  // "Later" to the end of the session: the last run is listed, under its parent
  await page.getByTestId("run-panel").getByRole("button", { name: "Close" }).click();
  let windows = 1;
  const later = page.getByTestId("gantt-later");
  while (await later.isEnabled()) {
    const before = await page.getByTestId("gantt-status").textContent();
    await later.click();
    await expect(page.getByTestId("gantt-status")).not.toHaveText(before ?? "");
    await expect(page.getByTestId("gantt-status")).not.toHaveText(/Loading/);
    windows++;
    expect(windows).toBeLessThan(500);
  }
  const last = RUNS - 1;
  await page.getByTestId("gantt-scroller").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`[data-run-id="${runId(last)}"]`)).toBeVisible();
  // its parent is listed too, although it may start in the window before
  await expect(page.locator(`[data-run-id="${runId(parentOf(last)!)}"]`)).toBeAttached();
  expect(await rows.count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  // back to the whole session
  await page.getByRole("button", { name: "Whole session" }).click();
  await expect(page.getByTestId("gantt-row")).toHaveCount(0);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(
    `timeline of ${RUNS} runs: first content ${firstContent} ms, ${windows} windows to the end, ` +
      `long tasks ${longTasks.length} (max ${Math.round(Math.max(0, ...longTasks))} ms)`,
  );
});
