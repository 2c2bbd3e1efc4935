import { execFileSync } from "node:child_process";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ADMIN } from "./e2e-users";

// Browser security: the headers every response carries, a CSP that lets the app work
// without 'unsafe-inline' scripts, session cookies out of reach of scripts and other
// sites, and server actions that refuse a foreign Origin.

const DB = process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db";

function directive(csp: string, name: string): string | undefined {
  return csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.split(/\s+/)[0] === name);
}

function expectCommonHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(directive(headers["content-security-policy"] ?? "", "frame-ancestors")).toBe("frame-ancestors 'none'");
}

function nonceOf(response: APIResponse | null | undefined): string {
  const csp = response?.headers()["content-security-policy"] ?? "";
  return /'nonce-([^']+)'/.exec(directive(csp, "script-src") ?? "")?.[1] ?? "";
}

test("pages carry a per-request nonce CSP without 'unsafe-inline' scripts, and the security headers", async ({
  page,
  request,
}) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"] ?? "";
  const scripts = directive(csp, "script-src") ?? "";
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(directive(csp, "object-src")).toBe("object-src 'none'");
  expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
  // Next.js put the request's nonce on every script it rendered into the HTML (chunks that
  // those scripts load later, like the lazily loaded charts, are trusted by 'strict-dynamic'
  // and carry no nonce of their own)
  const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1];
  const rendered = await page.evaluate(() => [...document.scripts].map((s) => ({ nonce: s.nonce, src: s.src })));
  const html = await response!.text();
  const renderedSources = new Set(
    [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(
      (m) => new URL(m[1]!.replace(/&amp;/g, "&"), page.url()).href,
    ),
  );
  const inHtml = rendered.filter((s) => s.src === "" || renderedSources.has(s.src));
  expect(inHtml.length).toBeGreaterThan(0);
  expect(inHtml.every((s) => s.nonce === nonce)).toBe(true);
  // a fresh nonce for each request
  expect(nonceOf(await request.get("/"))).not.toBe(nonce);
});

test("API responses carry the security headers and a deny-all CSP", async ({ request }) => {
  for (const response of [await request.get("/api/health"), await request.get("/api/v1/sessions")]) {
    expectCommonHeaders(response.headers());
    expect(directive(response.headers()["content-security-policy"] ?? "", "default-src")).toBe("default-src 'none'");
  }
});

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("the main pages work under the CSP: scripts, charts, live updates, theme toggle, no violations", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  for (const path of ["/", "/sessions", "/approvals", "/usage?window=7d", "/agents?window=7d", "/audit", "/docs/api"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // a session detail page with its client islands
  await page.goto("/sessions");
  await page.getByTestId("session-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/sessions\/[^/?]+/);
  await expect(page.getByTestId("session-title")).toBeVisible();
  // the live EventSource connects (connect-src 'self')
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-live-status", "live");
  // charts render their SVG (inline styles are allowed for them)
  await page.goto("/usage?window=7d");
  await expect(
    page
      .getByRole("figure", { name: /^Tokens over time/ })
      .locator("svg path.recharts-rectangle")
      .first(),
  ).toBeVisible();
  // hydrated React handles a click
  const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  await page.getByRole("button", { name: "Toggle theme" }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(!dark);
  await page.getByRole("button", { name: "Toggle theme" }).click();
  expect(violations).toEqual([]);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const session = (await context.cookies()).filter((c) => c.name.includes("session_token"));
  expect(session).toHaveLength(1);
  expect(session[0]).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");
  await context.close();
});

test("a server action replayed from a foreign Origin is refused and changes nothing", async ({ page }) => {
  const apiKey =
    execFileSync(
      "npm",
      ["run", "--silent", "cli", "--", "keys", "create", "--project", "e2e-csrf", "--name", `csrf-${Date.now()}`],
      {
        env: { ...process.env, DATABASE_URL: DB },
        encoding: "utf8",
      },
    )
      .trim()
      .split("\n")
      .pop() ?? "";
  const auth = { authorization: `Bearer ${apiKey}` };
  const sessionId = `csrf-${Date.now()}`;
  const gateId = `csrf-gate-${Date.now()}`;
  const ingest = await page.request.post("/api/v1/ingest", {
    headers: auth,
    data: {
      events: [
        {
          id: `${sessionId}-start`,
          type: "session",
          timestamp: new Date().toISOString(),
          body: { sessionId, status: "running" },
        },
      ],
    },
  });
  expect(ingest.status()).toBe(207);
  expect(
    (
      await page.request.post(`/api/v1/sessions/${sessionId}/gates`, {
        headers: auth,
        data: { gateId, title: "CSRF target gate" },
      })
    ).status(),
  ).toBe(201);
  const gateStatus = async () =>
    ((await (await page.request.get(`/api/v1/gates/${gateId}`, { headers: auth })).json()) as { status: string })
      .status;

  // capture the real action request the Approve button sends, without letting it through
  await page.goto("/approvals");
  const card = page.getByTestId("gate").filter({ hasText: "CSRF target gate" });
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/approvals", async (route) => {
    const req = route.request();
    if (req.method() !== "POST" || !req.headers()["next-action"]) return route.continue();
    const { "content-length": _length, host: _host, ...headers } = req.headers();
    captured = { url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute("**/approvals");
  expect(await gateStatus()).toBe("pending");

  const replay = (origin: string) =>
    page.request.fetch(captured!.url, {
      method: "POST",
      headers: { ...captured!.headers, origin },
      data: captured!.body,
      failOnStatusCode: false,
    });
  const foreign = await replay("https://evil.example");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(await gateStatus()).toBe("pending");

  // the same request from the app's own origin goes through, so the refusal was the Origin
  const own = await replay(new URL(captured!.url).origin);
  expect(own.status()).toBe(200);
  await expect.poll(gateStatus).toBe("approved");
});
