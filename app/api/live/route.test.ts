import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { overrideDbForTests } from "@/lib/db/client";
import { emitLive } from "@/lib/live/live-hub";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { GET } from "./route";

async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  predicate: (text: string) => boolean,
  timeoutMs = 3_000,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  while (!predicate(text)) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`timed out; got ${JSON.stringify(text)}`);
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(text)}`)), remaining),
      ),
    ]);
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

describe("GET /api/live", () => {
  let t: TestDatabase;
  let cookie = "";
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    overrideDbForTests({ db: t.db, kind: "sqlite" });
    await createUser(
      t.db,
      { email: "viewer@example.com", name: "V", role: "viewer", password: "viewer password" },
      { type: "system" },
    );
    const signedIn = await (
      await getAuth()
    ).api.signInEmail({ body: { email: "viewer@example.com", password: "viewer password" }, asResponse: true });
    cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("streams a retry hint, a ready event and then changes", async () => {
    const controller = new AbortController();
    const response = await GET(
      new Request("http://127.0.0.1:3000/api/live", {
        headers: { "sec-fetch-site": "same-origin", cookie },
        signal: controller.signal,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const reader = response.body!.getReader();
    const start = await readUntil(reader, (s) => s.includes("event: ready"));
    expect(start).toMatch(/^retry: \d+\n\n/);
    const sent = Date.now();
    emitLive({ projectId: "p", sessionIds: ["s1"], kinds: ["log"], at: sent });
    emitLive({ projectId: "p", sessionIds: ["s2"], kinds: ["session"], at: sent });
    const text = await readUntil(reader, (s) => s.includes("event: change"));
    const data = /event: change\nid: \d+\ndata: (.*)\n\n/.exec(text)?.[1];
    // a burst arrives as one message
    expect(JSON.parse(data ?? "null")).toEqual({
      projectId: "p",
      sessionIds: ["s1", "s2"],
      kinds: ["log", "session"],
      at: sent,
    });
    expect(Date.now() - sent).toBeLessThan(2_000);
    controller.abort();
    await reader.cancel().catch(() => {});
  });

  it("refuses cross-site requests", async () => {
    const response = await GET(
      new Request("http://127.0.0.1:3000/api/live", {
        headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example", cookie },
      }),
    );
    expect(response.status).toBe(403);
  });

  it("refuses requests without a signed-in user", async () => {
    const response = await GET(
      new Request("http://127.0.0.1:3000/api/live", { headers: { "sec-fetch-site": "same-origin" } }),
    );
    expect(response.status).toBe(401);
  });
});
