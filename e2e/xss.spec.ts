import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { ObservatoryClient } from "../lib/client/observatory-client";

// Agent-written text is untrusted: it must show as text everywhere, and no script of it
// may ever run. Payloads go in through the public ingest API.

const PAYLOAD = `<img src=x onerror="window.__xss=1;alert('xss')"><script>window.__xss=1;alert('xss')</script><svg onload="window.__xss=1"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>"'><div id="xss-injected">x</div>`;
/** model names are short text; this one still carries markup and a handler */
const MODEL = `xss-model <img src=x onerror="window.__xss=1;alert('model')">`;
const sessionId = `xss-${Date.now()}`;
const gateTitle = `XSS gate ${Date.now()} <img src=x onerror="alert('gate')">`;

test.beforeAll(async ({ baseURL, request }) => {
  const out = execFileSync(
    "npm",
    ["run", "--silent", "cli", "--", "keys", "create", "--project", "e2e-xss", "--name", "e2e-xss"],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db" },
      encoding: "utf8",
    },
  );
  const apiKey = out.trim().split("\n").pop() ?? "";
  const client = new ObservatoryClient({ baseUrl: baseURL ?? "", apiKey });
  client.event("session", {
    sessionId,
    title: `XSS title ${PAYLOAD}`,
    mission: `XSS mission ${PAYLOAD}`,
    status: "running",
    phase: `<b>pm</b>`,
    source: "api",
  });
  client.event("agent", {
    agentId: `${sessionId}-ag`,
    name: `XSS agent ${PAYLOAD}`,
    type: "dev",
    model: MODEL,
    status: "running",
    heartbeatAt: new Date().toISOString(),
  });
  client.event("run", {
    runId: `${sessionId}-r1`,
    sessionId,
    agentType: `<i>dev</i>`,
    agentId: `${sessionId}-ag`,
    model: MODEL,
    status: "running",
    input: `XSS input ${PAYLOAD}`,
  });
  client.event("llm_call", {
    callId: `${sessionId}-c1`,
    sessionId,
    runId: `${sessionId}-r1`,
    agentType: "dev",
    model: MODEL,
    inputTokens: 120,
    outputTokens: 30,
    prompt: `XSS prompt ${PAYLOAD}`,
    response: `XSS response ${PAYLOAD}`,
  });
  client.event("log", {
    sessionId,
    runId: `${sessionId}-r1`,
    agentType: "dev",
    message: `XSS log ${PAYLOAD}`,
    details: { html: PAYLOAD },
  });
  client.event("message", {
    messageId: `${sessionId}-m1`,
    sessionId,
    from: "<b>pm</b>",
    to: "dev",
    content: `XSS message ${PAYLOAD}`,
  });
  client.event("task", {
    taskId: `${sessionId}-t1`,
    sessionId,
    name: `XSS task ${PAYLOAD}`,
    description: PAYLOAD,
    assignee: "<u>dev</u>",
  });
  client.event("decision", { sessionId, decisionType: "spawn_agent", data: { reason: PAYLOAD } });
  client.event("artifact", {
    artifactId: `${sessionId}-a1`,
    sessionId,
    type: "doc",
    name: "notes.md",
    content: `# Notes\n\n${PAYLOAD}\n\n[click me](javascript:window.__xss=1)\n\n<a href="javascript:alert(1)">raw link</a>\n\n**bold text**`,
  });
  client.event("artifact", {
    artifactId: `${sessionId}-a2`,
    sessionId,
    type: "report",
    name: `XSS artifact ${PAYLOAD}`,
    content: PAYLOAD,
  });
  const results = await client.flush();
  expect(results.every((r) => r.status === 201)).toBe(true);
  const gate = await request.post(`/api/v1/sessions/${sessionId}/gates`, {
    headers: { authorization: `Bearer ${apiKey}` },
    data: {
      title: gateTitle,
      summary: `XSS summary ${PAYLOAD}`,
      payload: { html: PAYLOAD, model: MODEL },
      allowEdit: true,
    },
  });
  expect(gate.status()).toBe(201);
});

/** Collects dialogs and CSP violations: a violation means injected markup reached the DOM and only the CSP stopped it. */
async function watch(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("dialog", (dialog) => {
    seen.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`csp: ${m.text()}`);
  });
  return seen;
}

async function expectNoInjection(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.locator("#xss-injected").count()).toBe(0);
  expect(await page.locator("iframe[srcdoc]").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("svg[onload]").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  // a script element made from the payload (the page's own data scripts carry it as a JSON string)
  expect(
    await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.trim().startsWith("window.__xss"))),
  ).toBe(false);
}

test("agent text renders as text in the list, the header and every tab", async ({ page }) => {
  const dialogs = await watch(page);

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
  await expect(page.getByTestId("artifact").filter({ hasText: "XSS artifact <img src=x" })).toBeVisible();
  await expectNoInjection(page, dialogs);
  await page.getByTestId("artifact").filter({ hasText: "notes.md" }).getByRole("button").click();
  const markdown = page.getByTestId("markdown");
  await expect(markdown.locator("strong")).toHaveText("bold text");
  await expect(markdown.getByText("click me")).toBeVisible();
  await markdown.getByText("click me").click();
  await expectNoInjection(page, dialogs);

  // the overview's live feed shows the log as text too
  await page.goto("/");
  await expectNoInjection(page, dialogs);
});

test("gate, model and agent fields render as text on approvals, usage, agents and the session", async ({ page }) => {
  const dialogs = await watch(page);

  await page.goto("/approvals");
  const card = page.getByTestId("gate").filter({ hasText: gateTitle });
  await expect(card).toBeVisible();
  await expect(card).toContainText("XSS summary <img src=x");
  await expect(card.getByLabel("Payload (JSON)")).toHaveValue(/<script>parent.__xss=1/);
  await expectNoInjection(page, dialogs);

  await page.goto("/usage?window=24h&stack=model&project=e2e-xss");
  await expect(page.getByTestId("usage-table")).toContainText(MODEL);
  await expectNoInjection(page, dialogs);

  await page.goto("/agents?window=24h&by=model&project=e2e-xss");
  await expect(page.getByTestId("agent-leaderboard")).toContainText(MODEL);
  await expect(page.getByTestId("agent-registry")).toContainText("XSS agent <img src=x");
  await expectNoInjection(page, dialogs);

  // the timeline names the run's model, the run panel its call
  await page.goto(`/sessions/${sessionId}`);
  await page.getByTestId("gantt-row").first().getByRole("button").click();
  await expect(page.getByTestId("run-panel")).toContainText("xss-model <img");
  await expectNoInjection(page, dialogs);
});
