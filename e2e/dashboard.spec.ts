import { expect, test } from "@playwright/test";

const NAV = ["Overview", "Sessions", "Approvals", "Agents", "Usage", "Audit", "Settings"];

test("the overview shows demo data from the database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const sessions = Number((await page.getByTestId("stat-sessions").innerText()).replace(/[^0-9]/g, ""));
  expect(sessions).toBeGreaterThanOrEqual(40);
  const llmCalls = Number((await page.getByTestId("stat-llm-calls").innerText()).replace(/[^0-9]/g, ""));
  expect(llmCalls).toBeGreaterThan(0);
  await expect(page.getByTestId("stat-awaiting")).not.toHaveText("0");
  // the recent sessions table lists real sessions with readable status badges
  const table = page.getByRole("table");
  await expect(table).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);
});

test("every sidebar page opens", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of NAV) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});

test("the theme toggle switches between dark and light and remembers it", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const before = (await html.getAttribute("class"))?.includes("dark") ?? false;
  await page.getByRole("button", { name: "Toggle theme" }).click();
  await expect.poll(async () => (await html.getAttribute("class"))?.includes("dark") ?? false).toBe(!before);
  await page.reload();
  await expect.poll(async () => (await html.getAttribute("class"))?.includes("dark") ?? false).toBe(!before);
});

test("the health endpoint reports the database and migration state", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", migrations: "up-to-date" });
});

test("the API docs page lists every event type with a curl example", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API docs" })).toBeVisible();
  for (const type of [
    "session",
    "agent",
    "run",
    "llm_call",
    "log",
    "message",
    "state",
    "task",
    "decision",
    "artifact",
    "metric",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: type, exact: true })).toBeVisible();
  }
  await expect(page.getByText("curl -sS -X POST").first()).toBeVisible();
});
