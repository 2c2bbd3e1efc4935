// bench:huge-session's scrolls in Chromium: the Gantt from the session's start to its end,
// and the log list through its older pages and back down. Each returns what it did and the
// long tasks the page reported meanwhile (the page must record them in `window.longTasks`,
// as the benchmark's init script does). They measure; they judge nothing.
import type { Page } from "@playwright/test";

export type LongTasks = { longestMs: number; totalMs: number; count: number };

type Recorder = { longTasks: number[] };

export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as Recorder).longTasks = []));
}

export async function longTasks(page: Page): Promise<LongTasks> {
  const tasks = await page.evaluate(() => (window as unknown as Recorder).longTasks);
  return {
    longestMs: Math.max(0, ...tasks),
    totalMs: tasks.reduce((a, b) => a + b, 0),
    count: tasks.length,
  };
}

/**
 * Scrolls an element from its top to its bottom a viewport at a time, two frames per step.
 * A step waits at most 250 ms for its frames: twice a run hung for good at 0% CPU inside this
 * loop, as if the page had stopped producing frames. Such steps are counted as `stalls`.
 */
async function scrollThrough(page: Page, testId: string): Promise<{ steps: number; stalls: number }> {
  // no named functions inside: the script runner's helpers do not exist in the page
  return page.getByTestId(testId).evaluate(async (el) => {
    let stalls = 0;
    const frames = () =>
      new Promise<void>((resolve) => {
        let done = false;
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            done = true;
            resolve();
          }),
        );
        setTimeout(() => {
          if (!done) {
            stalls++;
            resolve();
          }
        }, 250);
      });
    el.scrollTop = 0;
    await frames();
    let steps = 0;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      const from = el.scrollTop;
      el.scrollTop += el.clientHeight;
      steps++;
      await frames();
      // the bottom as the browser rounds it: scrollTop stays while scrollHeight says more
      if (el.scrollTop <= from) break;
    }
    return { steps, stalls };
  });
}

async function settledStatus(page: Page, before: string | null): Promise<string> {
  const status = page.getByTestId("gantt-status");
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="gantt-status"]');
      const text = el?.textContent ?? "";
      return text !== "" && !text.startsWith("Loading") && text !== prev;
    },
    before,
    { timeout: 60_000 },
  );
  return (await status.textContent()) ?? "";
}

export type GanttScroll = {
  /** clicks on the first lane until a window listed its runs */
  zoomClicks: number;
  rowsInFirstWindow: number;
  scrollSteps: number;
  /** scroll steps whose frames did not come within 250 ms */
  frameStalls: number;
  /** windows shown by "Later", to the end of the session */
  windows: number;
  rowsSeen: number;
  panMs: number[];
  totalMs: number;
  tasks: LongTasks;
};

/**
 * From the Timeline tab as first shown: clicks the first lane at its start until the window
 * lists runs, scrolls that list from top to bottom, then presses "Later" window by window to
 * the session's end, each window's list scrolled to its bottom. Long tasks over all of it.
 */
export async function scrollGantt(page: Page, maxWindows = Infinity): Promise<GanttScroll> {
  const t0 = performance.now();
  await resetLongTasks(page);
  let status = (await page.getByTestId("gantt-status").textContent()) ?? "";
  let zoomClicks = 0;
  const rows = page.getByTestId("gantt-row");
  while ((await rows.count()) === 0) {
    if (zoomClicks >= 8) throw new Error("the Gantt listed no runs after 8 zoom clicks");
    const strip = page.getByTestId("gantt-lane").first().locator("div.cursor-zoom-in");
    await strip.click({ position: { x: 1, y: 5 } });
    zoomClicks++;
    status = await settledStatus(page, status);
  }
  const scroller = page.getByTestId("gantt-scroller");
  const listed = async () =>
    scroller.evaluate((el) => Math.round(el.scrollHeight / (el.querySelector("li")?.offsetHeight || 28)));
  const rowsInFirstWindow = await listed();
  const { steps: scrollSteps, stalls: frameStalls } = await scrollThrough(page, "gantt-scroller");
  let rowsSeen = rowsInFirstWindow;
  let windows = 1;
  const panMs: number[] = [];
  const later = page.getByTestId("gantt-later");
  while (windows < maxWindows && (await later.isEnabled())) {
    const p0 = performance.now();
    await later.click();
    status = await settledStatus(page, status);
    panMs.push(performance.now() - p0);
    windows++;
    if ((await rows.count()) > 0) {
      rowsSeen += await listed();
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    }
  }
  return {
    zoomClicks,
    rowsInFirstWindow,
    scrollSteps,
    frameStalls,
    windows,
    rowsSeen,
    panMs,
    totalMs: performance.now() - t0,
    tasks: await longTasks(page),
  };
}

export type LogScroll = {
  olderPages: number;
  lines: number;
  reachedStart: boolean;
  scrollSteps: number;
  /** scroll steps whose frames did not come within 250 ms */
  frameStalls: number;
  tasks: LongTasks;
};

async function linesLoaded(page: Page): Promise<number> {
  const text = (await page.getByText(/lines loaded/).textContent()) ?? "";
  return Number(/([\d,]+) lines loaded/.exec(text)?.[1]?.replace(/,/g, "") ?? 0);
}

/**
 * From the Logs tab as first shown (the newest lines): scrolls to the top `pages` times,
 * each time waiting for the older page to arrive, then from the top of what is loaded
 * back down to the end a viewport at a time. Long tasks over all of it.
 */
export async function scrollLogs(page: Page, pages: number): Promise<LogScroll> {
  await resetLongTasks(page);
  const viewer = page.getByTestId("log-viewer");
  let lines = await linesLoaded(page);
  let olderPages = 0;
  let reachedStart = false;
  for (; olderPages < pages; olderPages++) {
    if (await page.getByText("Start of the log").isVisible()) {
      reachedStart = true;
      break;
    }
    await viewer.evaluate((el) => el.scrollTo({ top: 0 }));
    const before = lines;
    const deadline = Date.now() + 30_000;
    while ((lines = await linesLoaded(page)) === before && Date.now() < deadline) await page.waitForTimeout(20);
    if (lines === before) break;
  }
  const { steps: scrollSteps, stalls: frameStalls } = await scrollThrough(page, "log-viewer");
  return { olderPages, lines, reachedStart, scrollSteps, frameStalls, tasks: await longTasks(page) };
}
