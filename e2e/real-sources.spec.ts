import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";

// Data written by the orchestrators' own code (../shared/seed-data/*/real/), followed from
// Settings → Sources as a user would: kept source records, the source's own status words and
// changes the orchestrator makes in place, in the browser. Expectations come from the data.

const REAL = path.resolve(import.meta.dirname, "../../shared/seed-data");
const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "e2e-real-"));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function register(page: Page, system: string, location: string, slug: string, timeZone = ""): Promise<void> {
  await page.goto("/settings/sources");
  const form = page.getByRole("form", { name: "Register a source" });
  await form.getByLabel("System").selectOption(system);
  await form.getByLabel("Location").fill(location);
  await form.getByLabel("Project", { exact: true }).selectOption({ label: "New project…" });
  await form.getByLabel("New project slug").fill(slug);
  await form.getByLabel("Poll interval (seconds)").fill("1");
  if (timeZone) await form.getByLabel("Time zone of local-time columns").fill(timeZone);
  await form.getByRole("button", { name: "Register source" }).click();
  await expect(form.getByRole("status")).toContainText(`Registered ${system} source`);
  const row = page.getByTestId("source-row").filter({ hasText: slug });
  await expect(row.getByTestId("source-summary")).toBeVisible({ timeout: 30_000 });
}

test("BAZINGA: kept records on the session, the source's status word, and an in-place status change followed live", async ({
  page,
}) => {
  const file = path.join(dir, "bazinga.db");
  copyFileSync(path.join(REAL, "bazinga/real/bazinga-head.db"), file);
  chmodSync(file, 0o644);
  const source = new Database(file);
  const slug = `e2e-bazinga-${Date.now().toString(36)}`;
  try {
    // a session with rows of tables no mapping knows (kept raw on it), from the data itself
    const { session_id: sessionId } = source
      .prepare("SELECT session_id FROM consumption_scope GROUP BY session_id ORDER BY count(*) DESC LIMIT 1")
      .get() as { session_id: string };
    const kept = (
      source.prepare("SELECT count(*) AS n FROM consumption_scope WHERE session_id = ?").get(sessionId) as { n: number }
    ).n;
    const group = source.prepare("SELECT id FROM task_groups WHERE session_id = ? LIMIT 1").get(sessionId) as
      { id: string } | undefined;

    await register(page, "bazinga", file, slug, "Europe/Berlin");
    await expect(page.getByTestId("source-row").filter({ hasText: slug }).getByTestId("source-summary")).toContainText(
      "v19",
    );

    await page.goto(`/sessions/${encodeURIComponent(sessionId)}?project=${slug}&tab=source`);
    await expect(page.locator('[data-testid="source-record"][data-table="consumption_scope"]')).toHaveCount(kept);

    // the orchestrator moves a task group on, as bazinga_db.py update-task-group does
    const target = group ?? { id: "E2E" };
    if (!group)
      source
        .prepare("INSERT INTO task_groups (id, session_id, name, status) VALUES (?, ?, ?, 'pending')")
        .run(target.id, sessionId, "E2E group");
    source
      .prepare(
        "UPDATE task_groups SET status = 'approved_pending_merge', updated_at = datetime('now') WHERE id = ? AND session_id = ?",
      )
      .run(target.id, sessionId);
    await page.goto(`/sessions/${encodeURIComponent(sessionId)}?project=${slug}&tab=tasks`);
    await expect(async () => {
      await page.reload();
      await expect(page.locator('[data-unmapped-status="approved_pending_merge"]')).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    // counted in its canonical column
    await expect(
      page.getByRole("region", { name: "pending tasks" }).locator('[data-unmapped-status="approved_pending_merge"]'),
    ).toBeVisible();
  } finally {
    source.close();
  }
});

test("TAC on PostgreSQL: the orchestrator's own status word beside ours, and an orphaned prompt kept visibly", async ({
  page,
}) => {
  const name = `e2e_tac_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const slug = `e2e-tac-${Date.now().toString(36)}`;
  try {
    execFileSync(
      "psql",
      [
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-d",
        url.toString(),
        "-f",
        path.join(REAL, "tac-bootstrap/real/tac-postgres-head.sql"),
      ],
      { stdio: "ignore" },
    );
    const source = new pg.Client({ connectionString: url.toString() });
    await source.connect();
    try {
      const orchestrator = (
        await source.query<{ id: string; status: string }>(
          "SELECT id::text, status FROM orchestrator_agents ORDER BY created_at LIMIT 1",
        )
      ).rows[0]!;
      await register(page, "tac", url.toString(), slug);

      await page.goto(`/sessions/${encodeURIComponent(orchestrator.id)}?project=${slug}`);
      await expect(
        page.getByTestId("session-status").locator(`[data-unmapped-status="${orchestrator.status}"]`),
      ).toBeVisible();

      // the backend stores an engineer's prompt before any agent exists
      await source.query(
        "INSERT INTO prompts (agent_id, author, prompt_text) VALUES (NULL, 'engineer', 'e2e: a prompt with no agent yet')",
      );
      await page.goto(`/settings/sources/records?project=${slug}`);
      await expect(async () => {
        await page.reload();
        await expect(
          page.locator('[data-testid="source-record"][data-table="prompts"]').filter({ hasText: "orphaned" }),
        ).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
    } finally {
      await source.end();
    }
  } finally {
    // the server follows the source: remove it before dropping its database
    await page.goto("/settings/sources");
    const row = page.getByTestId("source-row").filter({ hasText: slug });
    if ((await row.count()) > 0) {
      page.once("dialog", (dialog) => void dialog.accept());
      await row.getByRole("button", { name: "Remove" }).click();
      await expect(page.getByTestId("source-row").filter({ hasText: slug })).toHaveCount(0);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
