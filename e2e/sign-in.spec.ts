import { expect, test } from "@playwright/test";
import { ADMIN } from "./e2e-users";

test.use({ storageState: { cookies: [], origins: [] } });

test("signing in: a wrong password is refused, the right one opens the dashboard, signing out closes it", async ({
  page,
  request,
}) => {
  await page.goto("/usage");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.includes("session_token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // signed out, the live stream and exports refuse too
  expect((await request.get("/usage/export?window=7d")).status()).toBe(401);
});
