import { execFileSync } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";

const DB = process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db";

function cli(args: string[], input?: string): string {
  return execFileSync("npm", ["run", "--silent", "cli", "--", ...args], {
    env: { ...process.env, DATABASE_URL: DB },
    encoding: "utf8",
    input,
  });
}

const key = () =>
  cli(["keys", "create", "--project", "e2e-gates", "--name", `gates-${Date.now()}`])
    .trim()
    .split("\n")
    .pop() ?? "";

async function askGate(request: APIRequestContext, apiKey: string, sessionId: string, gate: Record<string, unknown>) {
  const auth = { authorization: `Bearer ${apiKey}` };
  const ingest = await request.post("/api/v1/ingest", {
    headers: auth,
    data: {
      events: [
        {
          id: `${sessionId}-start`,
          type: "session",
          timestamp: new Date().toISOString(),
          body: { sessionId, title: `Gate session ${sessionId}`, status: "running", phase: "human_gate" },
        },
      ],
    },
  });
  expect(ingest.status()).toBe(207);
  const created = await request.post(`/api/v1/sessions/${sessionId}/gates`, { headers: auth, data: gate });
  expect(created.status()).toBe(201);
  return auth;
}

test("an approver approves with a comment while the agent waits, and the agent gets it at once", async ({
  page,
  request,
}) => {
  const apiKey = key();
  const gateId = `deploy-${Date.now()}`;
  const auth = await askGate(request, apiKey, `gs-a-${Date.now()}`, {
    gateId,
    title: "Deploy v1.4.2 to production?",
    summary: "All checks green.",
    payload: { version: "1.4.2" },
  });
  await page.goto("/approvals");
  const card = page.getByTestId("gate").filter({ hasText: "Deploy v1.4.2 to production?" });
  await expect(card).toBeVisible();
  // the agent starts waiting before the decision
  const waiting = request.get(`/api/v1/gates/${gateId}?wait=30`, { headers: auth });
  await card.getByLabel("Comment").fill("Ship it.");
  const clicked = Date.now();
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  const answer = await (await waiting).json();
  expect(Date.now() - clicked).toBeLessThan(5_000);
  expect(answer).toMatchObject({
    gateId,
    status: "approved",
    decision: { comment: "Ship it.", by: { email: "admin@e2e.example" }, payload: { version: "1.4.2" } },
  });
  await expect(page.getByTestId("gate").filter({ hasText: "Deploy v1.4.2 to production?" })).toHaveCount(0);
});

test("a rejection needs a comment; edit-and-approve hands the agent the edited payload", async ({ page, request }) => {
  const apiKey = key();
  const rejectId = `rej-${Date.now()}`;
  const editId = `edit-${Date.now()}`;
  const auth = await askGate(request, apiKey, `gs-r-${Date.now()}`, {
    gateId: rejectId,
    title: "Drop the users table?",
  });
  await askGate(request, apiKey, `gs-e-${Date.now()}`, {
    gateId: editId,
    title: "Run the migration with these limits?",
    payload: { batch: 1000 },
    allowEdit: true,
  });
  await page.goto("/approvals");
  const reject = page.getByTestId("gate").filter({ hasText: "Drop the users table?" });
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(reject.getByRole("alert")).toContainText("needs a comment");
  await reject.getByLabel("Comment").fill("Never in production.");
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("gate").filter({ hasText: "Drop the users table?" })).toHaveCount(0);
  expect(await (await request.get(`/api/v1/gates/${rejectId}`, { headers: auth })).json()).toMatchObject({
    status: "rejected",
    decision: { comment: "Never in production." },
  });

  const edit = page.getByTestId("gate").filter({ hasText: "Run the migration with these limits?" });
  await edit.getByLabel("Payload (JSON)").fill('{"batch": 100, "dryRun": true}');
  await edit.getByRole("button", { name: "Edit and approve" }).click();
  await expect(page.getByTestId("gate").filter({ hasText: "Run the migration with these limits?" })).toHaveCount(0);
  expect(await (await request.get(`/api/v1/gates/${editId}`, { headers: auth })).json()).toMatchObject({
    status: "approved",
    decision: { payload: { batch: 100, dryRun: true } },
  });
});

test("a viewer is refused, and nothing changes", async ({ browser, request, baseURL }) => {
  const apiKey = key();
  const gateId = `viewer-${Date.now()}`;
  const auth = await askGate(request, apiKey, `gs-v-${Date.now()}`, { gateId, title: "Viewer must not decide this" });
  const email = `viewer-${Date.now()}@e2e.example`;
  cli(
    ["users", "create", "--email", email, "--name", "Vera Viewer", "--role", "viewer", "--password-stdin"],
    "viewer password 1\n",
  );
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("viewer password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await page.goto("/approvals");
  const card = page.getByTestId("gate").filter({ hasText: "Viewer must not decide this" });
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(card.getByRole("alert")).toContainText("only approvers and admins may decide gates");
  expect(await (await request.get(`/api/v1/gates/${gateId}`, { headers: auth })).json()).toMatchObject({
    status: "pending",
  });
  await context.close();
});
