import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createBazingaFixture } from "@/test/fixtures/bazinga-fixture";

// Settings → Sources against the production server, which follows registered sources
// (instrumentation.ts starts the follower; OBSERVATORY_FOLLOW_SOURCES is not set to 0 there).

let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "e2e-sources-"));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("an admin registers a source; it syncs, its sessions appear, and new rows arrive live", async ({
  page,
  context,
}) => {
  const file = path.join(dir, "bazinga.db");
  const source = createBazingaFixture(file);
  const slug = `e2e-follow-${Date.now().toString(36)}`;
  try {
    await page.goto("/settings/sources");
    const form = page.getByRole("form", { name: "Register a source" });
    await form.getByLabel("System").selectOption("bazinga");
    await form.getByLabel("Location").fill(file);
    await form.getByLabel("Project", { exact: true }).selectOption({ label: "New project…" });
    await form.getByLabel("New project slug").fill(slug);
    await form.getByLabel("Poll interval (seconds)").fill("1");
    await form.getByRole("button", { name: "Register source" }).click();
    await expect(form.getByRole("status")).toContainText(`Registered bazinga source ${file} in ${slug}`);

    const row = page.getByTestId("source-row").filter({ hasText: file });
    await expect(row).toBeVisible();
    // the page refreshes itself: the first pass shows up within seconds
    await expect(row.getByTestId("source-last-sync")).toHaveText("just now", { timeout: 20_000 });
    await expect(row.getByTestId("source-rows")).not.toHaveText("0");
    expect(Number((await row.getByTestId("source-rows").textContent())?.replace(/,/g, ""))).toBeGreaterThan(0);
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "following");
    await expect(row.getByTestId("source-error")).toHaveCount(0);

    const sessions = await context.newPage();
    await sessions.goto(`/sessions?project=${slug}`);
    await expect(
      sessions.locator('[data-testid="session-row"][data-session-id="bazinga_20250112_143022"]'),
    ).toBeVisible();
    await expect(sessions.getByTestId("live-status")).toHaveAttribute("data-live-status", "live");

    // a new session written by the orchestrator appears without reloading
    source
      .prepare(
        "INSERT INTO sessions (session_id, start_time, mode, original_requirements, status) VALUES (?, ?, ?, ?, ?)",
      )
      .run(
        "bazinga_e2e_live",
        new Date().toISOString().replace("T", " ").slice(0, 19),
        "simple",
        "Followed live from Settings",
        "active",
      );
    await expect(sessions.locator('[data-testid="session-row"][data-session-id="bazinga_e2e_live"]')).toBeVisible({
      timeout: 15_000,
    });

    // pause, then remove: the row goes away, the imported sessions stay
    await row.getByRole("button", { name: "Pause" }).click();
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "paused");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("source-row").filter({ hasText: file })).toHaveCount(0);
    await sessions.reload();
    await expect(sessions.locator('[data-testid="session-row"][data-session-id="bazinga_e2e_live"]')).toBeVisible();
  } finally {
    source.close();
  }
});

test("a bad path is refused with an error naming the location field, and nothing is added", async ({ page }) => {
  await page.goto("/settings/sources");
  const before = await page.getByTestId("source-row").count();
  const form = page.getByRole("form", { name: "Register a source" });
  await form.getByLabel("System").selectOption("bazinga");
  await form.getByLabel("Location").fill(path.join(dir, "missing.db"));
  await form.getByLabel("Project", { exact: true }).selectOption({ label: "New project…" });
  await form.getByLabel("New project slug").fill("e2e-never-created");
  await form.getByRole("button", { name: "Register source" }).click();
  await expect(form.getByRole("alert")).toHaveText(/^location: no such file or folder: /);
  await expect(form.getByLabel("Location")).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByTestId("source-row")).toHaveCount(before);
  await page.goto("/sessions?project=e2e-never-created");
  await expect(page.getByTestId("session-row")).toHaveCount(0);
});
