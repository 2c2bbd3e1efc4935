import "server-only";
// The body of the browser's live connection: a retry hint, a ready event, then one
// `change` event per burst of commits (coalesced over a short window) and a heartbeat
// comment every 15 s so proxies keep the connection open.
import { mergeChanges, type LiveChange } from "./live-change";
import { subscribeLive } from "./live-hub";
import { sseComment, sseMessage, sseRetry } from "./sse";

export const LIVE_RETRY_MS = 2_000;
export const HEARTBEAT_MS = 15_000;
/** A burst of commits within this window reaches the browser as one message. */
export const COALESCE_MS = 250;

export function liveEventStream(signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let pending: LiveChange | undefined;
      let flushTimer: ReturnType<typeof setTimeout> | undefined;
      let seq = 0;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const flush = () => {
        flushTimer = undefined;
        if (!pending) return;
        const change = pending;
        pending = undefined;
        write(sseMessage("change", change, String(++seq)));
      };
      const unsubscribe = subscribeLive((change) => {
        pending = pending ? mergeChanges(pending, change) : change;
        flushTimer ??= setTimeout(flush, COALESCE_MS);
      });
      const heartbeat = setInterval(() => write(sseComment("ping")), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (flushTimer) clearTimeout(flushTimer);
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      signal.addEventListener("abort", cleanup);
      if (signal.aborted) return cleanup();
      write(sseRetry(LIVE_RETRY_MS));
      write(sseMessage("ready", { at: Date.now() }));
    },
    cancel() {
      cleanup();
    },
  });
}
