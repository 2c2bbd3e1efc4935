import { execFileSync } from "node:child_process";
import { expect } from "@playwright/test";

/** An API key for `project`, made by the CLI against the e2e server's database, as an admin would. */
export function createApiKey(project: string, name: string): string {
  const out = execFileSync(
    "npm",
    ["run", "--silent", "cli", "--", "keys", "create", "--project", project, "--name", name],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./e2e/.data/e2e.db" },
      encoding: "utf8",
    },
  );
  const key = out.trim().split("\n").pop() ?? "";
  expect(key).toMatch(/^obs_/);
  return key;
}
