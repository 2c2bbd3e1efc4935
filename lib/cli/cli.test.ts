import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "observatory-cli-"));
const DATABASE_URL = `file:${path.join(dir, "cli.db")}`;

function cli(...args: string[]) {
  return cliWithInput(undefined, ...args);
}

function cliWithInput(input: string | undefined, ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      path.join(root, "lib/cli/main.ts"),
      ...args,
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL },
      encoding: "utf8",
      input,
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cli", () => {
  it("migrates idempotently, seeds, and reports with doctor", () => {
    const first = cli("migrate");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/applied \d+_init/);
    expect(cli("migrate").out).toContain("already up to date");
    const seeded = cli("seed", "--demo", "--sessions", "5");
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/demo data: \d+ events \(\d+ stored/);
    const doctor = cli("doctor");
    expect(doctor.code).toBe(0);
    expect(doctor.out).toContain("database: sqlite");
    expect(doctor.out).toContain("migrations: up-to-date");
    expect(doctor.out).toMatch(/sessions\s+5\n/);
  });

  it("prints the key alone on the last line of keys create", () => {
    const r = cli("keys", "create", "--project", "cli-test", "--name", "k1");
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").pop()).toMatch(/^obs_[A-Za-z0-9_-]{43}$/);
  });

  it("fails with a one-line reason and a non-zero code", () => {
    const unknown = cli("bogus");
    expect(unknown.code).toBe(2);
    const noDemo = cli("seed");
    expect(noDemo.code).toBe(2);
    expect(noDemo.err.trim().split("\n")).toHaveLength(1);
    const badUrl = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        path.join(root, "lib/cli/main.ts"),
        "doctor",
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: "mysql://nope" },
        encoding: "utf8",
      },
    );
    expect(badUrl.status).toBe(1);
    expect(badUrl.stderr).toContain("DATABASE_URL");
  });

  it("creates users with the password from standard input, and verifies the audit chain", () => {
    const ok = cliWithInput(
      "a long enough password\n",
      "users",
      "create",
      "--email",
      "ops@example.com",
      "--name",
      "Ops",
      "--role",
      "approver",
      "--password-stdin",
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("created approver ops@example.com");
    const weak = cliWithInput(
      "short\n",
      "users",
      "create",
      "--email",
      "weak@example.com",
      "--name",
      "Weak",
      "--role",
      "viewer",
      "--password-stdin",
    );
    expect(weak.code).toBe(2);
    expect(weak.err).toContain("password");
    expect(cli("users", "list").out).toContain("ops@example.com");
    const verify = cli("audit", "verify");
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/audit chain intact: \d+ entries/);
  });

  // one test per command: each spawns the CLI, which takes seconds on a loaded machine
  it.each(["migrate", "seed", "doctor", "keys", "import", "rollups", "audit", "users"])(
    "has --help on %s",
    (command) => {
      const r = cli(command, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: npm run cli -- ${command}`);
    },
  );
});
