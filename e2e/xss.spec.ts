import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { ObservatoryClient } from "../lib/client/observatory-client";

// Agent-written text is untrusted: it must show as text everywhere, and no script of it
// may ever run. Payloads go in through the public ingest API.

const PAYLOAD = `<img src=x onerror="window.__xss=1;alert('xss')"><script>window.__xss=1;alert('xss')</script><svg onload="window.__xss=1">`;
const sessionId = `xss-${Date.now()}`;

test.beforeAll(async ({ baseURL }) => {
  const out = execFileSync("npm", ["run", "--silent", "cli", "--", "keys", "create", "--project", "e2e-xss", "--name", "e2e-xss"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db" },
    encoding: "utf8",
  });
  const client = new ObservatoryClient({ baseUrl: baseURL ?? "", apiKey: out.trim().split("\n").pop() ?? "" });
  client.event("session", { sessionId, title: `XSS title ${PAYLOAD}`, mission: `XSS mission ${PAYLOAD}`, status: "running", phase: `<b>pm</b>`, source: "api" });
  client.event("run", { runId: `${sessionId}-r1`, sessionId, agentType: `<i>dev</i>`, status: "running", input: `XSS input ${PAYLOAD}` });
  client.event("log", { sessionId, runId: `${sessionId}-r1`, agentType: "dev", message: `XSS log ${PAYLOAD}`, details: { html: PAYLOAD } });
  client.event("message", { messageId: `${sessionId}-m1`, sessionId, from: "<b>pm</b>", to: "dev", content: `XSS message ${PAYLOAD}` });
  client.event("task", { taskId: `${sessionId}-t1`, sessionId, name: `XSS task ${PAYLOAD}`, description: PAYLOAD, assignee: "<u>dev</u>" });
  client.event("decision", { sessionId, decisionType: "spawn_agent", data: { reason: PAYLOAD } });
  client.event("artifact", {
    artifactId: `${sessionId}-a1`,
    sessionId,
    type: "doc",
    name: "notes.md",
    content: `# Notes\n\n${PAYLOAD}\n\n[click me](javascript:window.__xss=1)\n\n<a href="javascript:alert(1)">raw link</a>\n\n**bold text**`,
  });
  const results = await client.flush();
  expect(results.every((r) => r.status === 201)).toBe(true);
});

async function expectNoInjection(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("svg[onload]").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  // a script element made from the payload (the page's own data scripts carry it as a JSON string)
  expect(await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.trim().startsWith("window.__xss")))).toBe(false);
}

test("agent text renders as text in the list, the header and every tab", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await page.goto(`/sessions?q=${sessionId}`);
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByTestId("session-row").getByText("XSS title <img src=x", { exact: false })).toBeVisible();
  await expectNoInjection(page, dialogs);

  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByTestId("session-title")).toContainText("XSS title <img src=x");
  await expect(page.getByTestId("session-mission")).toContainText("<script>window.__xss=1");
  await expectNoInjection(page, dialogs);
  await page.getByTestId("gantt-row").first().getByRole("button").click();
  await expect(page.getByTestId("run-panel").getByText("XSS input <img", { exact: false })).toBeVisible();
  await expectNoInjection(page, dialogs);

  await page.goto(`/sessions/${sessionId}?tab=logs`);
  const line = page.getByTestId("log-line").filter({ hasText: "XSS log" });
  await expect(line).toContainText("XSS log <img src=x");
  await line.getByRole("button").click();
  await expect(line.getByTestId("json-tree")).toContainText("<script>");
  await expectNoInjection(page, dialogs);

  await page.goto(`/sessions/${sessionId}?tab=messages`);
  await expect(page.getByTestId("message-content")).toContainText("XSS message <img src=x");
  await expect(page.getByTestId("message").getByText("<b>pm</b>")).toBeVisible();
  await expectNoInjection(page, dialogs);

  await page.goto(`/sessions/${sessionId}?tab=tasks`);
  await expect(page.getByTestId("task-name")).toContainText("XSS task <img src=x");
  await expectNoInjection(page, dialogs);

  await page.goto(`/sessions/${sessionId}?tab=decisions`);
  await expect(page.getByTestId("decision-list")).toContainText("<svg onload=");
  await expectNoInjection(page, dialogs);

  await page.goto(`/sessions/${sessionId}?tab=artifacts`);
  await page.getByTestId("artifact").getByRole("button").click();
  const markdown = page.getByTestId("markdown");
  await expect(markdown.locator("strong")).toHaveText("bold text");
  await expect(markdown.getByText("click me")).toBeVisible();
  await markdown.getByText("click me").click();
  await expectNoInjection(page, dialogs);

  // the overview's live feed shows the log as text too
  await page.goto("/");
  await expectNoInjection(page, dialogs);
});
