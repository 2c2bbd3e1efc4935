import "server-only";
// One dedicated PostgreSQL connection per server process, LISTENing on the live channel, so
// a commit made by any process (another server, the CLI, an importer) reaches this one's
// browsers. It reconnects with backoff; after a gap it asks listeners to resync, because
// notifications sent while it was away are lost.
import pg from "pg";
import { pgPoolConfig } from "@/lib/db/adapters";
import type { PostgresTarget } from "@/lib/db/database-url";
import { LIVE_CHANNEL } from "./channel";
import { parseChange, resyncChange, type LiveChange } from "./live-change";

export type PgListener = {
  /** resolves once LISTEN is active for the first time */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

const MAX_BACKOFF_MS = 10_000;

export function startPgListener(target: PostgresTarget, onChange: (change: LiveChange) => void): PgListener {
  let client: pg.Client | undefined;
  let stopped = false;
  let connectedOnce = false;
  let backoff = 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const scheduleReconnect = (failed: pg.Client) => {
    if (stopped || client !== failed || timer) return;
    client = undefined;
    failed.removeAllListeners();
    failed.on("error", () => {});
    void failed.end().catch(() => {});
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const connect = async () => {
    if (stopped) return;
    const { max: _max, ...config } = pgPoolConfig(target);
    const c = new pg.Client({ ...config, application_name: "observatory-live" });
    client = c;
    c.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const change = parseChange(message.payload);
      if (change) onChange(change);
    });
    c.on("error", () => scheduleReconnect(c));
    c.on("end", () => scheduleReconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
      if (stopped) {
        await c.end().catch(() => {});
        return;
      }
      backoff = 250;
      if (connectedOnce) onChange(resyncChange());
      connectedOnce = true;
      markReady();
    } catch (error) {
      if (!connectedOnce)
        console.warn(`[live] LISTEN failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
      scheduleReconnect(c);
    }
  };

  void connect();
  return {
    ready,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
