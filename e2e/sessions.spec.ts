import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ObservatoryClient } from "../lib/client/observatory-client";
import { createApiKey } from "./api-key";

// The sessions UI against the production build with demo data: the list and its filters,
// a session's every tab, compare, live updates and screenshots in both themes.

const SCREENSHOTS = "e2e/screenshots";

async function expectLive(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-live-status", "live");
}

const TABS: [string, string][] = [
  ["Timeline", "gantt-row"],
  ["Logs", "log-line"],
  ["Messages", "message"],
  ["Tasks", "task-card"],
  ["State", "state-list"],
  ["Decisions", "decision-list"],
  ["Artifacts", "artifact"],
  ["Usage", "usage-panel"],
];

test("list → filter → detail → every tab", async ({ page }) => {
  await page.goto("/sessions");
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  const rows = page.getByTestId("session-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(40);

  // status filter (icon + text chips), kept in the URL
  await page.getByRole("button", { name: "Failed", exact: true }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect
    .poll(async () => new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))))
    .toEqual(new Set(["failed"]));

  await page.getByLabel("Source").selectOption("bazinga");
  await expect(page).toHaveURL(/source=bazinga/);
  await expect(rows.first()).toBeVisible();

  // back and forward step through the filter states
  await page.goBack();
  await expect(page).not.toHaveURL(/source=/);
  await expect(page).toHaveURL(/status=failed/);
  await page.goForward();
  await expect(page).toHaveURL(/source=bazinga/);

  await page.getByLabel("Search id or mission").fill("bazinga_");
  await expect(page).toHaveURL(/q=bazinga_/);
  await page.getByLabel("Sort by").selectOption("cost");
  await expect(page).toHaveURL(/sort=cost/);
  await expect(rows.first()).toBeVisible();

  // a shared link opens the same list
  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel("Source")).toHaveValue("bazinga");
  await expect(page.getByLabel("Search id or mission")).toHaveValue("bazinga_");

  // the detail page
  const first = rows.first();
  const externalId = (await first.getAttribute("data-session-id")) ?? "";
  await first.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${externalId}`));
  await expect(page.getByTestId("session-title")).toBeVisible();
  await expect(page.getByTestId("session-status").locator('[data-status="failed"]')).toBeVisible();

  const panel = page.getByRole("tabpanel");
  for (const [name, testId] of TABS) {
    const tab = page.getByRole("tab", { name: new RegExp(`^${name}`) });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
    await expect(page).toHaveURL(name === "Timeline" ? /\/sessions\/[^?]+$/ : new RegExp(`tab=${name.toLowerCase()}`));
    await expect(panel.getByTestId(testId).first()).toBeVisible();
  }

  // timeline: a bar opens the run's calls and logs
  await page.getByRole("tab", { name: /^Timeline/ }).click();
  await page.getByTestId("gantt-row").first().getByRole("button").click();
  await expect(page.getByTestId("run-panel").getByRole("heading", { name: /^LLM calls/ })).toBeVisible();

  // artifacts: a body renders as a JSON tree or markdown
  await page.getByRole("tab", { name: /^Artifacts/ }).click();
  await page.getByTestId("artifact").first().getByRole("button").click();
  await expect(
    page
      .getByTestId("artifact")
      .first()
      .getByTestId("json-tree")
      .or(page.getByTestId("artifact").first().getByTestId("markdown")),
  ).toBeVisible();

  // state: a diff between two snapshots
  await page.getByRole("tab", { name: /^State/ }).click();
  await expect(page.getByTestId("state-diff").getByRole("heading", { name: "Changes from A to B" })).toBeVisible();
  await expect(page.getByTestId("state-diff").getByText("Loading…")).toHaveCount(0);
});

test("tabs work from the keyboard", async ({ page }) => {
  await page.goto("/sessions?source=bazinga");
  await page.getByTestId("session-row").first().getByRole("link").click();
  const timeline = page.getByRole("tab", { name: /^Timeline/ });
  await timeline.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: /^Logs/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("tab", { name: /^Logs/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("log-line").first()).toBeVisible();
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: /^Source records/ })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: /^Usage/ })).toBeFocused();
  await page.keyboard.press(" ");
  await expect(page.getByRole("tab", { name: /^Usage/ })).toHaveAttribute("aria-selected", "true");
});

test("two sessions selected in the list compare side by side", async ({ page }) => {
  await page.goto("/sessions?source=bazinga");
  const boxes = page.getByRole("checkbox", { name: /^Select .* to compare$/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/sessions\/compare\?s=/);
  await expect(page.getByRole("heading", { level: 1, name: "Compare sessions" })).toBeVisible();
  const summary = page.getByTestId("compare-summary");
  await expect(summary.getByRole("columnheader")).toHaveCount(3);
  await expect(summary.getByRole("rowheader", { name: "Tokens" })).toBeVisible();
  await expect(page.getByTestId("compare-agents").getByRole("row").nth(1)).toBeVisible();
});

test("overview figures link to the list behind them", async ({ page }) => {
  await page.goto("/");
  await expectLive(page);
  await page.getByRole("link", { name: /^Active:/ }).click();
  await expect(page).toHaveURL(/\/sessions\?status=pending%2Crunning%2Cawaiting_approval/);
  const statuses = await page
    .getByTestId("session-row")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(["pending", "running", "awaiting_approval"]).toContain(s);
  await page.goto("/");
  await page.getByRole("link", { name: /^Awaiting approval:/ }).click();
  await expect(page).toHaveURL(/\/approvals$/);
});

test("live updates appear while the page is open", async ({ page, baseURL }) => {
  const client = new ObservatoryClient({ baseUrl: baseURL ?? "", apiKey: createApiKey("e2e-live", "e2e-sessions") });
  const sessionId = `live-${Date.now()}`;
  client.event("session", {
    sessionId,
    title: "Live session",
    mission: "Watch me change",
    status: "running",
    source: "api",
  });
  client.event("log", { sessionId, message: "first line" });
  await client.flush();

  await page.goto(`/sessions/${sessionId}?tab=logs`);
  await expectLive(page);
  await expect(page.getByText("first line")).toBeVisible();

  const sent = Date.now();
  client.event("log", { sessionId, message: "streamed while watching", level: "warn" });
  await client.flush();
  await expect(page.getByText("streamed while watching")).toBeVisible({ timeout: 5_000 });
  const logLatency = Date.now() - sent;

  const statusSent = Date.now();
  client.event("session", { sessionId, status: "failed" });
  await client.flush();
  await expect(page.getByTestId("session-status").locator('[data-status="failed"]')).toBeVisible({ timeout: 5_000 });
  const statusLatency = Date.now() - statusSent;
  console.log(`live latency: log ${logLatency} ms, status ${statusLatency} ms`);

  // a new session shows up in the list without a reload
  await page.goto("/sessions");
  await expectLive(page);
  const marker = `Appeared live ${Date.now()}`;
  client.event("session", { sessionId: `${sessionId}-new`, title: marker, status: "running", source: "api" });
  await client.flush();
  await expect(page.getByText(marker)).toBeVisible({ timeout: 5_000 });
});

test("screenshots in both themes", async ({ page, context, baseURL }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto("/sessions?source=bazinga&status=failed");
  const detail = (await page.getByTestId("session-row").first().getByRole("link").getAttribute("href")) ?? "/sessions";
  for (const theme of ["light", "dark"] as const) {
    await context.addCookies([{ name: "theme", value: theme, url: baseURL ?? "" }]);
    const shots: [string, string, string][] = [
      ["overview", "/", "stat-active"],
      ["sessions", "/sessions", "session-row"],
      ["session-timeline", detail, "gantt-row"],
      ["session-logs", `${detail}?tab=logs`, "log-line"],
      ["session-messages", `${detail}?tab=messages`, "message"],
      ["session-tasks", `${detail}?tab=tasks`, "task-card"],
      ["session-usage", `${detail}?tab=usage`, "usage-panel"],
    ];
    for (const [name, url, testId] of shots) {
      await page.goto(url);
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
      await expect(page.getByTestId(testId).first()).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/${theme}-${name}.png`, fullPage: true });
    }
  }
});
