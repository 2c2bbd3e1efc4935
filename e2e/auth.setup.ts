import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./e2e-users";

// Runs first, on the fresh e2e database: no users yet, so every page leads to setup.
setup("first-run setup creates the first admin and signs them in", async ({ page }) => {
  await page.goto("/sessions");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText(ADMIN.name)).toBeVisible();
  // setup is a one-time door
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
