import { expect, test } from "@playwright/test";

test("the usage page charts tokens and cost, splits them, and exports CSV", async ({ page, request }) => {
  await page.goto("/usage?window=7d");
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByTestId("usage-measured-tokens")).not.toHaveText("0");
  // Recharts renders its bars as SVG paths inside each figure
  for (const name of ["Tokens over time", "Cost over time", "Token split"]) {
    const figure = page.getByRole("figure", { name: new RegExp(`^${name}`) });
    await expect(figure).toBeVisible();
    await expect(figure.locator("svg path.recharts-rectangle").first()).toBeVisible();
  }
  const rows = page.getByTestId("usage-table").locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(1);
  await page.getByRole("link", { name: "Model", exact: true }).click();
  await expect(page).toHaveURL(/stack=model/);
  await expect(page.getByTestId("usage-table")).toContainText("claude-sonnet-4-20250514");
  const csv = await request.get("/usage/export?window=7d&stack=model");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toMatch(/^model,llm_calls,input_tokens/);
  expect(lines.length).toBeGreaterThan(2);
});

test("the agents page ranks agents, charts runs, and shows the registry with liveness", async ({ page }) => {
  await page.goto("/agents?window=7d");
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  const board = page.getByTestId("agent-leaderboard");
  await expect(board).toContainText("developer");
  expect(await board.locator("tbody tr").count()).toBeGreaterThan(3);
  await expect(
    page
      .getByRole("figure", { name: /^Runs over time/ })
      .locator("svg path.recharts-rectangle")
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId("agent-registry").locator("tbody tr").first()).toBeVisible();
  await page.getByRole("button", { name: "24 h" }).click();
  await expect(page).toHaveURL(/window=24h/);
  await page.getByRole("link", { name: "Model", exact: true }).click();
  await expect(page).toHaveURL(/by=model/);
});
