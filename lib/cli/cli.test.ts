import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "observatory-cli-"));
const DATABASE_URL = `file:${path.join(dir, "cli.db")}`;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(root, "lib/cli/main.ts"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL },
    encoding: "utf8",
  });
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
    const badUrl = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(root, "lib/cli/main.ts"), "doctor"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "mysql://nope" },
      encoding: "utf8",
    });
    expect(badUrl.status).toBe(1);
    expect(badUrl.stderr).toContain("DATABASE_URL");
  });

  it("has --help on every command", () => {
    for (const command of ["migrate", "seed", "doctor", "keys"]) {
      const r = cli(command, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: npm run cli -- ${command}`);
    }
  });
});
