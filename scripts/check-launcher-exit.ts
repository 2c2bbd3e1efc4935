// The server must not outlive its launcher: starts `npm start`'s launcher (tsx scripts/start.ts)
// on a free port with an empty database, waits until it serves, kills the launched command
// with SIGKILL (as a supervisor would) and checks the port is released within 15 s.
//   npm run test:launcher      (uses the production build; builds first if it is missing)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "launcher-exit-"));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(dir, "launcher.db")}`,
    OBSERVATORY_DEMO: "0",
    OBSERVATORY_FOLLOW_SOURCES: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const launcher = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      path.join(root, "scripts/start.ts"),
    ],
    { cwd: root, env, stdio: "ignore" },
  );
  try {
    const deadline = Date.now() + 600_000;
    while (!(await healthy(port))) {
      if (Date.now() > deadline || launcher.exitCode !== null)
        throw new Error(`the server did not come up on port ${port}`);
      await sleep(500);
    }
    const killedAt = Date.now();
    launcher.kill("SIGKILL");
    while (await listening(port)) {
      if (Date.now() - killedAt > 15_000)
        throw new Error(`port ${port} is still served 15 s after kill -9 of the launcher: the server outlived it`);
      await sleep(250);
    }
    console.log(
      `launcher-exit: PASS: port ${port} released ${((Date.now() - killedAt) / 1000).toFixed(1)} s after kill -9 of the launcher`,
    );
  } finally {
    launcher.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`launcher-exit: FAIL: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
