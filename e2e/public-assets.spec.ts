import { expect, test } from "@playwright/test";

// public/: icons, logo, robots.txt and the web manifest, referenced by the layout.

test("serves the icons, logo, robots.txt and manifest, and the layout links them", async ({ page, request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/m);
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; icons: { src: string }[] };
  expect(body.name).toBe("Agent Observatory");
  for (const file of ["/favicon.svg", "/icon.svg", "/logo.svg", ...body.icons.map((i) => i.src)]) {
    const r = await request.get(file);
    expect(r.status(), file).toBe(200);
    expect(await r.text(), file).toContain("<svg");
  }
  await page.goto("/");
  await expect(page.locator('head link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="manifest"][href="/manifest.webmanifest"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});
