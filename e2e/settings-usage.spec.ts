import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";

// Settings for usage: model prices, agent profiles and their prompt versions. The admin
// (storage state from auth.setup.ts) edits; a viewer sees the same pages without forms.

const DB = process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db";

function cli(args: string[], input?: string): string {
  return execFileSync("npm", ["run", "--silent", "cli", "--", ...args], {
    env: { ...process.env, DATABASE_URL: DB },
    encoding: "utf8",
    input,
  });
}

async function createProfile(page: Page, name: string) {
  await page.goto("/settings/profiles");
  const form = page.getByRole("form", { name: "Create a profile" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Daily limit").fill("10");
  await form.getByRole("button", { name: "Create profile" }).click();
  await expect(form.getByRole("status")).toHaveText(`Profile ${name} created.`);
  await page.getByRole("table", { name: "Agent profiles" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
}

async function addVersion(page: Page, content: string, note: string, number: number) {
  const form = page.getByRole("form", { name: "Add a prompt version" });
  await form.getByLabel("Prompt").fill(content);
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Add version" }).click();
  await expect(form.getByRole("status")).toHaveText(`Version ${number} added.`);
  await expect(page.getByTestId("prompt-version").and(page.locator(`[data-version="${number}"]`))).toBeVisible();
}

async function signInAsViewer(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const email = `viewer-settings-${Date.now()}@e2e.example`;
  cli(
    ["users", "create", "--email", email, "--name", "Vic Viewer", "--role", "viewer", "--password-stdin"],
    "viewer password 2\n",
  );
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("viewer password 2");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  return page;
}

test("the admin adds a price entry and sees it listed as the price in force; a bad pattern is refused by name", async ({
  page,
}) => {
  const model = `e2e-model-${Date.now()}`;
  await page.goto("/settings/prices");
  const form = page.getByRole("form", { name: "Add a price entry" });
  await form.getByLabel("Model", { exact: true }).fill(model);
  await form.getByLabel("Match pattern").fill(`^${model}(`);
  await form.getByLabel("Input $/1M").fill("1.5");
  await form.getByLabel("Output $/1M").fill("6");
  await form.getByLabel("Effective from").fill("2025-01-01");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(form.getByRole("alert")).toContainText("Match pattern is not a valid regular expression");

  await form.getByLabel("Match pattern").fill(`^${model}$`);
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(form.getByRole("status")).toContainText(`Price for ${model} added`);
  const group = page.getByTestId("price-group").filter({ hasText: model });
  await expect(group.getByTestId("price-entry")).toHaveCount(1);
  const row = group.getByTestId("price-entry");
  await expect(row).toContainText("2025-01-01");
  await expect(row).toContainText(`^${model}$`);
  await expect(row).toContainText("$1.5");
  await expect(row).toContainText("$6");
  await expect(row).toContainText("In force");

  // the same model and date again is refused with a message naming the field
  await form.getByLabel("Model", { exact: true }).fill(model);
  await form.getByLabel("Match pattern").fill(`^${model}$`);
  await form.getByLabel("Input $/1M").fill("2");
  await form.getByLabel("Output $/1M").fill("8");
  await form.getByLabel("Effective from").fill("2025-01-01");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(form.getByRole("alert")).toContainText(`Effective from: ${model} already has a price from 2025-01-01`);
  await expect(group.getByTestId("price-entry")).toHaveCount(1);
});

test("the admin creates a profile, adds two prompt versions, compares them and activates one", async ({
  page,
  request,
}) => {
  const name = `e2e-agent-${Date.now()}`;
  await createProfile(page, name);
  await addVersion(page, "You plan the work.\nBe brief.", "first draft", 1);
  await addVersion(page, "You plan the work.\nBe thorough.\n<script>window.__xss=1</script>", "more care", 2);

  const compare = page.getByRole("form", { name: "Compare versions" });
  await compare.getByLabel("From").selectOption("1");
  await compare.getByLabel("To").selectOption("2");
  await compare.getByRole("button", { name: "Show diff" }).click();
  await expect(page).toHaveURL(/from=1&to=2/);
  const diff = page.getByTestId("prompt-diff");
  await expect(diff.locator('[data-kind="same"]')).toHaveText(["You plan the work."]);
  await expect(diff.locator('[data-kind="removed"]')).toHaveText(["-Be brief."]);
  await expect(diff.locator('[data-kind="added"]')).toHaveText(["+Be thorough.", "+<script>window.__xss=1</script>"]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  const v1 = page.locator('[data-testid="prompt-version"][data-version="1"]');
  const v2 = page.locator('[data-testid="prompt-version"][data-version="2"]');
  await expect(page.getByTestId("prompt-version").getByText("Active", { exact: true })).toHaveCount(0);
  await v2.getByRole("button", { name: "Activate" }).click();
  await expect(v2.getByText("Active", { exact: true })).toBeVisible();
  await expect(v2.getByRole("button", { name: "Activate" })).toHaveCount(0);
  await expect(v1.getByText("Active", { exact: true })).toHaveCount(0);

  // agents get the activated prompt (a global profile answers for any project's key)
  const key =
    cli(["keys", "create", "--project", "e2e-settings", "--name", `settings-${Date.now()}`])
      .trim()
      .split("\n")
      .pop() ?? "";
  const served = await request.get(`/api/v1/profiles/${name}`, { headers: { authorization: `Bearer ${key}` } });
  expect(served.status()).toBe(200);
  expect(await served.json()).toMatchObject({
    profile: name,
    dailyLimit: 10,
    activePrompt: { versionNumber: 2, note: "more care" },
  });
});

test("a viewer sees prices, profiles and prompt versions read-only", async ({ page, browser, baseURL }) => {
  const name = `e2e-readonly-${Date.now()}`;
  await createProfile(page, name);
  await addVersion(page, "Read me.", "only version", 1);
  const profileUrl = new URL(page.url()).pathname;

  const viewer = await signInAsViewer(browser, baseURL);
  await viewer.goto("/settings/prices");
  await expect(viewer.getByRole("table", { name: "Price entries" })).toBeVisible();
  await expect(viewer.getByText("In force").first()).toBeVisible();
  await expect(viewer.getByRole("form")).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: /^Edit/ })).toHaveCount(0);

  await viewer.goto("/settings/profiles");
  await expect(
    viewer.getByRole("table", { name: "Agent profiles" }).getByRole("link", { name, exact: true }),
  ).toBeVisible();
  await expect(viewer.getByRole("form")).toHaveCount(0);

  await viewer.goto(profileUrl);
  await expect(viewer.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(viewer.getByTestId("prompt-version")).toHaveCount(1);
  await expect(viewer.getByRole("button", { name: "Activate" })).toHaveCount(0);
  await expect(viewer.getByRole("form", { name: "Add a prompt version" })).toHaveCount(0);
  await expect(viewer.getByRole("form", { name: "Edit profile" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete profile" })).toHaveCount(0);
  await viewer.context().close();
});
