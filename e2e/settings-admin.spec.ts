import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

// An admin manages users, projects and API keys from Settings, and reads the result on the
// Audit page; a viewer sees the same settings read-only.
test("admin: user, project, an API key shown once that works until revoked, and the audit trail of it all", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const slug = `e2e-admin-${stamp}`;
  const viewer = { name: "Vic Viewer", email: `vic-${stamp}@e2e.example`, password: "viewer password 42" };

  // a project
  await page.goto("/settings/projects");
  const createProject = page.getByRole("form", { name: "Create project" });
  await createProject.getByLabel("Project name").fill("E2E Admin Project");
  await createProject.getByLabel("Slug").fill(slug);
  await createProject.getByRole("button", { name: "Create project" }).click();
  await expect(createProject.getByRole("status")).toHaveText(`Created project ${slug}.`);
  await expect(page.getByTestId("project-row").filter({ hasText: slug })).toBeVisible();

  // a viewer
  await page.goto("/settings/users");
  const createUser = page.getByRole("form", { name: "Create user" });
  await createUser.getByLabel("Name").fill(viewer.name);
  await createUser.getByLabel("Email").fill(viewer.email);
  await createUser.getByLabel("Role").selectOption("viewer");
  await createUser.getByLabel("Initial password").fill(viewer.password);
  await createUser.getByRole("button", { name: "Create user" }).click();
  await expect(createUser.getByRole("status")).toHaveText(`Created viewer ${viewer.email}.`);
  await expect(page.getByTestId("user-row").filter({ hasText: viewer.email })).toContainText("viewer");

  // an API key, shown once
  await page.goto("/settings/api-keys");
  const createKey = page.getByRole("form", { name: "Create API key" });
  await createKey.getByLabel("Project").selectOption({ label: `E2E Admin Project (${slug})` });
  await createKey.getByLabel("Key name").fill("e2e-runner");
  await createKey.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toBeVisible();
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  const key = (await secret.textContent())?.trim() ?? "";
  expect(key).toMatch(/^obs_/);
  const auth = { authorization: `Bearer ${key}` };
  expect((await request.get("/api/v1/sessions", { headers: auth })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("one-time-secret")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(key);
  const row = page.getByTestId("api-key-row").filter({ hasText: "e2e-runner" }).filter({ hasText: slug });
  await expect(row).toContainText(key.slice(0, 12));

  // revoked, it is refused
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/v1/sessions", { headers: auth })).status()).toBe(401);

  // the Audit page lists it all, with the chain intact
  await page.goto("/audit");
  await expect(page.getByTestId("audit-verification")).toContainText("intact");
  const table = page.getByTestId("audit-table");
  await expect(table.getByRole("cell", { name: "apikey.created" }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: "user.created" }).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(key);

  // filter by action
  const filter = page.getByRole("form", { name: "Filter audit entries" });
  await filter.getByLabel("Action").fill("apikey.revoked");
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=apikey\.revoked/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toContainText("apikey.revoked");
  await expect(rows.first()).toContainText("admin@e2e.example");
  const shown = await rows.count();
  for (let i = 0; i < shown; i++) await expect(rows.nth(i)).toContainText("apikey.revoked");

  // the CSV export has the same filter, and is itself audited
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toMatch(/^seq,created_at,actor_type/);
  expect(lines).toHaveLength(shown + 1);
  for (const line of lines.slice(1)) expect(line).toContain(",apikey.revoked,");
  expect(csv).not.toContain(key);
  await page.goto("/audit?action=audit.exported");
  await expect(page.getByTestId("audit-row").first()).toContainText("audit.exported");

  // a viewer sees the settings without any form, and no audit trail
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await viewerPage.goto("/login");
  await viewerPage.getByLabel("Email").fill(viewer.email);
  await viewerPage.getByLabel("Password").fill(viewer.password);
  await viewerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  for (const path of ["/settings/users", "/settings/api-keys", "/settings/projects"]) {
    await viewerPage.goto(path);
    await expect(viewerPage.getByText("Read-only: only admins can change settings.")).toBeVisible();
    await expect(viewerPage.locator("main form")).toHaveCount(0);
  }
  await viewerPage.goto("/settings/users");
  await expect(viewerPage.getByTestId("user-row").filter({ hasText: viewer.email })).toBeVisible();
  await viewerPage.goto("/audit");
  await expect(viewerPage.getByText("Only admins can read the audit trail.")).toBeVisible();
  expect((await viewerPage.request.get("/audit/export?format=csv")).status()).toBe(403);
  await context.close();
});
