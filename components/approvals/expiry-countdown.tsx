"use client";

import { useEffect, useState } from "react";

function left(ms: number): string {
  if (ms <= 0) return "expired";
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} min ${Math.floor((ms % 60_000) / 1000)} s left`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min left` : `${Math.floor(h / 24)} d left`;
}

/** Time until a gate expires, ticking every second. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  // the server's clock and the browser's differ by the time it took to arrive
  return (
    <time
      dateTime={expiresAt}
      suppressHydrationWarning
      title={`expires ${expiresAt.slice(0, 16).replace("T", " ")} UTC`}
    >
      {left(Date.parse(expiresAt) - now)}
    </time>
  );
}
