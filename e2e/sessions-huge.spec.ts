import { expect, test, type Page } from "@playwright/test";
import { ObservatoryClient } from "../lib/client/observatory-client";
import { createApiKey } from "./api-key";

// A session too long to page through by hand (issue 19, "Huge sessions"): thousands of
// messages and 1,500 tasks, ingested through the public API. "End" reaches the last message
// in one jump, a time lands on its message, and the DOM holds only the rows in view.
// E2E_HUGE_MESSAGES=10000 measures the size; the figures are printed.

const MESSAGES = Number(process.env.E2E_HUGE_MESSAGES ?? 3_000);
const TASKS = 1_500;
const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
const at = (n: number) => new Date(T0 + n * 1000);
/** Rows in view plus overscan: far below any page of the list. */
const MAX_ROWS_IN_DOM = 60;

const sessionId = `huge-${Date.now()}`;
let client: ObservatoryClient;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(300_000);
  client = new ObservatoryClient({
    baseUrl: baseURL ?? "",
    apiKey: createApiKey("e2e-huge", "e2e-huge"),
    batchSize: 1_000,
  });
  client.event("session", { sessionId, title: "Huge session", status: "running", source: "api" }, { timestamp: at(0) });
  for (let n = 0; n < MESSAGES; n++) {
    const replyTo = n % 10 === 9 ? `${sessionId}-m${n - 1}` : undefined;
    client.event(
      "message",
      {
        messageId: `${sessionId}-m${n}`,
        sessionId,
        from: n % 2 ? "dev" : "pm",
        to: n % 2 ? "pm" : "dev",
        content: `message number ${n}`,
        replyTo,
      },
      { timestamp: at(n) },
    );
  }
  for (let n = 0; n < TASKS; n++) {
    client.event(
      "task",
      {
        taskId: `${sessionId}-t${n}`,
        sessionId,
        name: `Task ${n}`,
        priority: n,
        status: n % 3 ? "pending" : "completed",
        dependsOn: n > 0 ? [`${sessionId}-t${n - 1}`] : [],
      },
      { timestamp: at(n) },
    );
  }
  const results = await client.flush();
  expect(results.filter((r) => r.status !== 201 && r.status !== 200)).toEqual([]);
});

async function rowsInDom(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).count();
}

test("messages: jump to the end, to a time and back up, with a bounded DOM", async ({ page }) => {
  // long tasks while jumping, as the browser reports them
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  const opened = Date.now();
  await page.goto(`/sessions/${sessionId}?tab=messages`);
  const list = page.getByTestId("message-list");
  await expect(list.locator(`[data-message-id="${sessionId}-m0"]`)).toBeVisible();
  const firstContent = Date.now() - opened;
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));

  const jumped = Date.now();
  await page.getByTestId("messages-jump-end").click();
  const last = list.locator(`[data-message-id="${sessionId}-m${MESSAGES - 1}"]`);
  await expect(last).toBeVisible();
  const toEnd = Date.now() - jumped;
  await expect(last.getByTestId("message-content")).toHaveText(`message number ${MESSAGES - 1}`);
  await expect(page.getByText("Last message")).toBeVisible();
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  expect(await rowsInDom(page, "message")).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
  console.log(
    `huge session, ${MESSAGES} messages: tab first content ${firstContent} ms, "End" to last message ${toEnd} ms, ` +
      `${await rowsInDom(page, "message")} message rows and ${domNodes} DOM nodes, long tasks ${longTasks.length} (max ${Math.round(Math.max(0, ...longTasks))} ms)`,
  );

  // scrolling up from the end loads the pages before, keeping the DOM bounded
  const scroller = page.getByTestId("message-scroller");
  for (let loaded = 200; loaded <= 500; loaded += 100) {
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.getByText(new RegExp(`^${loaded} messages loaded`))).toBeVisible();
  }
  // the reader stays where they were: at the top of the page before the last one loaded
  await expect(list.locator(`[data-message-id="${sessionId}-m${MESSAGES - 401}"]`)).toBeAttached();
  expect(await rowsInDom(page, "message")).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  // a time in the middle lands on its message
  const middle = Math.floor(MESSAGES / 2);
  await page.getByTestId("messages-jump-time").fill(at(middle).toISOString().slice(0, 19));
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(list.locator(`[data-message-id="${sessionId}-m${middle}"]`)).toBeVisible();

  // a reply links to the message it answers, which scrolls into view
  const reply = list.locator(`[data-message-id="${sessionId}-m${middle + 9 - (middle % 10)}"]`);
  await reply.getByRole("button", { name: /^pm: message number/ }).click();
  await expect(list.locator(`[data-message-id="${sessionId}-m${middle + 8 - (middle % 10)}"]`)).toBeInViewport();

  // at the end, a message stored while watching is appended and followed
  await page.getByTestId("messages-jump-end").click();
  await expect(last).toBeVisible();
  client.event(
    "message",
    { messageId: `${sessionId}-live`, sessionId, from: "pm", to: "dev", content: "arrived while watching" },
    { timestamp: at(MESSAGES) },
  );
  await client.flush();
  await expect(list.getByText("arrived while watching")).toBeInViewport({ timeout: 5_000 });

  await page.getByTestId("messages-jump-start").click();
  await expect(list.locator(`[data-message-id="${sessionId}-m0"]`)).toBeVisible();
  await expect(page.getByText("First message")).toBeVisible();
});

test("tasks: all 1,500 on the board, each column virtualized", async ({ page }) => {
  const opened = Date.now();
  await page.goto(`/sessions/${sessionId}?tab=tasks`);
  const pending = page.getByRole("region", { name: "pending tasks" });
  await expect(pending.getByTestId("task-card").first()).toBeVisible();
  const firstContent = Date.now() - opened;
  await expect(pending.getByRole("heading")).toContainText(String(TASKS - TASKS / 3));
  await expect(page.getByRole("region", { name: "completed tasks" }).getByRole("heading")).toContainText(
    String(TASKS / 3),
  );
  await expect(page.getByText(/Showing the first/)).toHaveCount(0);
  expect(await rowsInDom(page, "task-card")).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  console.log(
    `huge session, ${TASKS} tasks: first content ${firstContent} ms, ${await rowsInDom(page, "task-card")} cards and ${await page.evaluate(() => document.getElementsByTagName("*").length)} DOM nodes`,
  );

  // the last task is reachable by scrolling its column
  await pending.getByTestId("task-column").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(pending.getByText(`Task ${TASKS - 1}`, { exact: true })).toBeVisible();
  expect(await rowsInDom(page, "task-card")).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  // a dependency in another column scrolls that column to its task (its last card) and focuses it
  const card = pending.getByTestId("task-card").filter({ hasText: `Task ${TASKS - 2}` });
  await card.getByRole("link", { name: `${sessionId}-t${TASKS - 3}` }).click();
  await expect(
    page
      .getByRole("region", { name: "completed tasks" })
      .getByTestId("task-card")
      .filter({ hasText: `Task ${TASKS - 3}` }),
  ).toBeFocused();
  expect(await rowsInDom(page, "task-card")).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
});
