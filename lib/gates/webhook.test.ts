import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionStatusAfterGate } from "./session-status";
import { deliverWebhook, signWebhookBody, webhookTarget } from "./webhook";

describe("gate webhook delivery", () => {
  let server: Server;
  let url: string;
  /** status codes to answer, in order; 200 once they run out */
  let script: number[] = [];
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(script.shift() ?? 200).end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("signs the raw body with HMAC-SHA256", async () => {
    received.length = 0;
    const result = await deliverWebhook({ url, secret: "k" }, "gate.approved", { gate: { gateId: "g" } });
    expect(result).toEqual({ ok: true, attempts: 1, status: 200 });
    const [hit] = received;
    const expected = `sha256=${createHmac("sha256", "k").update(hit!.body).digest("hex")}`;
    expect(hit!.headers["x-observatory-signature"]).toBe(expected);
    expect(signWebhookBody("k", hit!.body)).toBe(expected);
    expect(hit!.headers["x-observatory-event"]).toBe("gate.approved");
    expect(JSON.parse(hit!.body)).toMatchObject({
      type: "gate.approved",
      data: { gate: { gateId: "g" } },
      id: hit!.headers["x-observatory-delivery"],
    });
  });

  it("retries server errors with backoff, at most 3 tries, with one delivery id", async () => {
    received.length = 0;
    script = [503, 500];
    const start = Date.now();
    const result = await deliverWebhook({ url, secret: "k" }, "gate.rejected", {}, { retryDelaysMs: [50, 100] });
    expect(result).toEqual({ ok: true, attempts: 3, status: 200 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    expect(new Set(received.map((r) => r.headers["x-observatory-delivery"])).size).toBe(1);

    received.length = 0;
    script = [500, 500, 500, 500];
    expect(await deliverWebhook({ url, secret: "k" }, "gate.rejected", {}, { retryDelaysMs: [10, 10] })).toMatchObject({
      ok: false,
      attempts: 3,
      status: 500,
    });
    expect(received).toHaveLength(3);
    script = [];
  });

  it("does not retry a client error, and survives an unreachable receiver", async () => {
    received.length = 0;
    script = [404];
    expect(await deliverWebhook({ url, secret: "k" }, "gate.expired", {}, { retryDelaysMs: [10, 10] })).toEqual({
      ok: false,
      attempts: 1,
      status: 404,
    });
    const dead = await deliverWebhook(
      { url: "http://127.0.0.1:1/hook", secret: "k" },
      "gate.expired",
      {},
      { retryDelaysMs: [10, 10] },
    );
    expect(dead).toMatchObject({ ok: false, attempts: 3, error: expect.any(String) });
  });

  it("reads the target from project settings, refusing anything but http(s) with a secret", () => {
    expect(webhookTarget({ webhook: { url: "https://example.com/h", secret: "s" } })).toEqual({
      url: "https://example.com/h",
      secret: "s",
    });
    expect(webhookTarget({ webhook: { url: "https://example.com/h" } })).toBeNull();
    expect(webhookTarget({ webhook: { url: "file:///etc/passwd", secret: "s" } })).toBeNull();
    expect(webhookTarget({ webhook: { url: "not a url", secret: "s" } })).toBeNull();
    expect(webhookTarget(null)).toBeNull();
  });
});

describe("sessionStatusAfterGate", () => {
  it("resumes on approval and cancellation, unless another gate still waits", () => {
    expect(sessionStatusAfterGate("approved", "fail", 0)).toBe("running");
    expect(sessionStatusAfterGate("cancelled", "fail", 0)).toBe("running");
    expect(sessionStatusAfterGate("approved", "fail", 1)).toBeNull();
  });

  it("treats expiry like a rejection: failed by default, running when the agent asked to resume", () => {
    for (const outcome of ["rejected", "expired"] as const) {
      expect(sessionStatusAfterGate(outcome, "fail", 0)).toBe("failed");
      expect(sessionStatusAfterGate(outcome, "fail", 2)).toBe("failed");
      expect(sessionStatusAfterGate(outcome, "resume", 0)).toBe("running");
      expect(sessionStatusAfterGate(outcome, "resume", 1)).toBeNull();
    }
  });
});
