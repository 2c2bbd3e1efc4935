// Whether a session tab's content goes out with the page's first flush or streams in after it.
// React reveals a Suspense boundary that completes after the shell was painted no sooner than
// 300 ms after that paint (react-dom's `$RC` batches reveals: `setTimeout(…, $RT + 300 - now)`).
// With the read pool the header is ready in ~40 ms and the tab's data 100–200 ms later, so
// streaming the tab made its first content wait for that throttle. A tab whose data is ready
// within the budget is sent in the first flush instead; a slower one still streams, and the
// header shows meanwhile.

/** How long the page waits for the tab before sending the header alone: about React's reveal throttle. */
export const FIRST_FLUSH_BUDGET_MS = 300;

export type Settled<T> = { ready: true; value: T } | { ready: false };

/**
 * The promise's value if it fulfills within `ms`, else `{ ready: false }` (the promise goes on).
 * A rejection within `ms` rejects, as awaiting the promise would.
 */
export async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value): Settled<T> => ({ ready: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
