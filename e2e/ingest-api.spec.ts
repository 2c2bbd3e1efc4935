import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ObservatoryClient } from "../lib/client/observatory-client";

// Against the running production server: a key from the CLI, events through the typed
// client, and the session visible in the UI.
test("an agent with a CLI-made key sends events and the session shows up", async ({ page, baseURL }) => {
  const out = execFileSync(
    "npm",
    ["run", "--silent", "cli", "--", "keys", "create", "--project", "e2e-agents", "--name", "e2e"],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db" },
      encoding: "utf8",
    },
  );
  const key = out.trim().split("\n").pop() ?? "";
  expect(key).toMatch(/^obs_/);
  const client = new ObservatoryClient({ baseUrl: baseURL ?? "", apiKey: key });
  const sessionId = `e2e-${Date.now()}`;
  client.event("session", {
    sessionId,
    title: "E2E agent session",
    mission: "Prove the ingest path end to end",
    status: "running",
    source: "api",
  });
  client.event("llm_call", {
    callId: `${sessionId}-c1`,
    sessionId,
    model: "gpt-4o",
    inputTokens: 1200,
    outputTokens: 300,
  });
  client.event("log", { sessionId, message: "hello from e2e" });
  const results = await client.flush();
  expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
  const detail = await client.getSession(sessionId);
  expect(detail).toMatchObject({ status: "running", counts: { llmCalls: 1, logs: 1 }, usage: { totalTokens: 1500 } });
  await page.goto("/sessions");
  await expect(page.getByText("E2E agent session")).toBeVisible();
});
