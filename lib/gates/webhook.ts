import "server-only";
// Optional per-project webhook for gate events (Project.settings.webhook = {url, secret}).
// Each POST carries X-Observatory-Signature: sha256=<hex HMAC-SHA256 of the raw body>, and
// the same X-Observatory-Delivery id on every retry so receivers can drop repeats.
// Deliveries run after the commit and never block or fail the change they report.
import { createHmac, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { GateResponse } from "./schemas";

export type WebhookTarget = { url: string; secret: string };

export type GateEventType = "gate.created" | "gate.approved" | "gate.rejected" | "gate.expired" | "gate.cancelled";

export type DeliveryOptions = {
  /** waits before the 2nd, 3rd, ... attempt */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export type DeliveryResult = { ok: boolean; attempts: number; status?: number; error?: string };

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000] as const;
const DEFAULT_TIMEOUT_MS = 5_000;

/** The webhook of a project's settings, or null when none (or not a usable http(s) URL). */
export function webhookTarget(settings: unknown): WebhookTarget | null {
  const webhook = (settings as { webhook?: { url?: unknown; secret?: unknown } } | null)?.webhook;
  if (!webhook || typeof webhook.url !== "string" || typeof webhook.secret !== "string" || webhook.secret === "")
    return null;
  try {
    const url = new URL(webhook.url);
    return url.protocol === "http:" || url.protocol === "https:"
      ? { url: url.toString(), secret: webhook.secret }
      : null;
  } catch {
    return null;
  }
}

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });

/** POSTs one signed event; retries network errors, 408, 429 and 5xx with backoff. */
export async function deliverWebhook(
  target: WebhookTarget,
  type: string,
  payload: unknown,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const send = options.fetch ?? fetch;
  const deliveryId = randomUUID();
  const body = JSON.stringify({ id: deliveryId, type, createdAt: new Date().toISOString(), data: payload });
  const headers = {
    "content-type": "application/json",
    "user-agent": "agent-observatory-webhook/1",
    "x-observatory-event": type,
    "x-observatory-delivery": deliveryId,
    "x-observatory-signature": signWebhookBody(target.secret, body),
  };
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await sleep(delays[attempt - 1] ?? 0);
    try {
      const res = await send(target.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        redirect: "manual",
      });
      await res.body?.cancel().catch(() => {});
      last = { ok: res.ok, attempts: attempt + 1, status: res.status };
      if (res.ok || !retryable(res.status)) return last;
    } catch (error) {
      last = { ok: false, attempts: attempt + 1, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return last;
}

/** Sends a gate event to the project's webhook, if it has one. Never throws. */
export async function sendGateWebhook(
  db: Db,
  projectId: string,
  type: GateEventType,
  gate: GateResponse,
  options?: DeliveryOptions,
): Promise<DeliveryResult | null> {
  try {
    const project = await db.project.findUnique({ where: { id: projectId }, select: { slug: true, settings: true } });
    const target = webhookTarget(project?.settings);
    if (!project || !target) return null;
    const result = await deliverWebhook(target, type, { project: project.slug, gate }, options);
    if (!result.ok)
      console.warn(
        `[gates] webhook ${type} for gate ${gate.gateId} failed after ${result.attempts} attempts: ${result.error ?? `HTTP ${result.status}`}`,
      );
    return result;
  } catch (error) {
    console.warn(
      `[gates] webhook ${type} for gate ${gate.gateId} failed:`,
      error instanceof Error ? error.message : error,
    );
    return null;
  }
}
